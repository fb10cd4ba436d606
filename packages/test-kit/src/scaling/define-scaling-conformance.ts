// The scaling conformance suite: three real nodes on one backend, real clients on different nodes.
import { signChannel, signUser, defineApp } from '@herald/protocol';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { EstablishedClient } from '../raw-client';
import { testApp } from '../test-apps';
import { waitFor } from '../wait-for';
import type { BusTarget } from './bus-target';
import { startCluster, TEST_CLUSTER_TIMING, type ClusterHarness } from './cluster-harness';

const app = defineApp(testApp());

function subscribe(raw: EstablishedClient, channel: string, user?: string): Promise<unknown> {
  if (channel.startsWith('presence-')) {
    const data = JSON.stringify({ user_id: user });
    raw.client.send({
      event: 'pusher:subscribe',
      data: { channel, auth: signChannel(app, raw.socketId, channel, data), channel_data: data },
    });
  } else if (channel.startsWith('private-')) {
    raw.client.send({
      event: 'pusher:subscribe',
      data: { channel, auth: signChannel(app, raw.socketId, channel) },
    });
  } else {
    raw.client.send({ event: 'pusher:subscribe', data: { channel } });
  }
  return raw.client.next(
    (m) => m.event === 'pusher_internal:subscription_succeeded' && m.channel === channel,
  );
}

/** Publishes a marker through node `via` and waits for it on `clients`: everything that node sent before it has arrived. */
async function barrier(
  cluster: ClusterHarness,
  via: number,
  channel: string,
  clients: EstablishedClient[],
): Promise<void> {
  const id = Math.random().toString(36).slice(2);
  await cluster.publisher(via).trigger(channel, 'marker', id);
  await Promise.all(
    clients.map((c) => c.client.next((m) => m.event === 'marker' && m.data === id, 5000)),
  );
}

const count = (raw: EstablishedClient, event: string) =>
  raw.client.received.filter((m) => m.event === event).length;

/** Users in every `member_added` or `member_removed` frame the client received, sorted. */
const members = (raw: EstablishedClient, change: 'added' | 'removed') =>
  raw.client.received
    .filter((m) => m.event === `pusher_internal:member_${change}`)
    .map((m) => (JSON.parse(m.data as string) as { user_id: string }).user_id)
    .sort();

/** Every bus status each node reported to its observers, per node. */
function busStatuses(cluster: ClusterHarness): string[][] {
  return cluster.nodes.map((node) => {
    const seen: string[] = [];
    node.server.herald.observe({ busStatus: (e) => void seen.push(e.status) });
    return seen;
  });
}

/** Registers the scaling suite for `target`. */
export function defineScalingConformance(target: BusTarget): void {
  describe(`scaling conformance (${target.name})`, () => {
    it('delivers an event published on any node to every subscriber on every node, once', async () => {
      const cluster = await startCluster(target, 3);
      const clients = await Promise.all([0, 1, 2].map((i) => cluster.raw(i)));
      for (const c of clients) await subscribe(c, 'news');
      await cluster.publisher(1).trigger('news', 'flash', { n: 1 });
      await barrier(cluster, 1, 'news', clients);
      expect(clients.map((c) => count(c, 'flash'))).toEqual([1, 1, 1]);
    });

    it('excludes the socket named by socket_id wherever it is connected', async () => {
      const cluster = await startCluster(target, 3);
      const clients = await Promise.all([0, 1, 2].map((i) => cluster.raw(i)));
      for (const c of clients) await subscribe(c, 'news');
      await cluster.publisher(0).trigger('news', 'flash', {}, { socket_id: clients[2]!.socketId });
      await barrier(cluster, 0, 'news', clients);
      expect(clients.map((c) => count(c, 'flash'))).toEqual([1, 1, 0]);
    });

    it('relays client events to other nodes, never back to the sender', async () => {
      const cluster = await startCluster(target, 3);
      const [a, , c] = await Promise.all([0, 1, 2].map((i) => cluster.raw(i)));
      await subscribe(a!, 'private-chat');
      await subscribe(c!, 'private-chat');
      a!.client.send({ event: 'client-typing', channel: 'private-chat', data: { who: 'a' } });
      const received = await c!.client.next('client-typing');
      expect(received.json).toEqual({
        event: 'client-typing',
        channel: 'private-chat',
        data: { who: 'a' },
      });
      await barrier(cluster, 0, 'private-chat', [a!]);
      expect(count(a!, 'client-typing')).toBe(0);
    });

    it('keeps presence cluster-wide: one roster, one count per user, leave at the last socket anywhere', async () => {
      const cluster = await startCluster(target, 3);
      const [a, b, c] = await Promise.all([0, 1, 2].map((i) => cluster.raw(i)));
      await subscribe(b!, 'presence-room', 'bob');
      await subscribe(a!, 'presence-room', 'ann');
      await b!.client.next(
        (m) => m.event === 'pusher_internal:member_added' && m.data === '{"user_id":"ann"}',
      );
      const roster = (await subscribe(c!, 'presence-room', 'ann')) as { data: string };
      const presence = (JSON.parse(roster.data) as { presence: { ids: string[]; count: number } })
        .presence;
      expect(presence.count).toBe(2);
      expect([...presence.ids].sort()).toEqual(['ann', 'bob']);
      const info = await cluster.publisher(1).get({
        path: '/channels/presence-room',
        params: { info: 'user_count,subscription_count' },
      });
      expect(await info.json()).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });
      await a!.client.close();
      await barrier(cluster, 0, 'presence-room', [b!]);
      expect(count(b!, 'pusher_internal:member_removed')).toBe(0);
      await c!.client.close();
      const removed = await b!.client.next('pusher_internal:member_removed');
      expect(removed.data).toBe('{"user_id":"ann"}');
      expect(count(b!, 'pusher_internal:member_added')).toBe(1);
    });

    it('answers the HTTP API for the whole cluster from any node', async () => {
      const cluster = await startCluster(target, 3);
      const [a, , c] = await Promise.all([0, 1, 2].map((i) => cluster.raw(i)));
      await subscribe(a!, 'only-on-a');
      await subscribe(c!, 'shared');
      await subscribe(a!, 'shared');
      const list = await cluster.publisher(1).get({ path: '/channels' });
      expect(await list.json()).toEqual({ channels: { 'only-on-a': {}, shared: {} } });
      const one = await cluster
        .publisher(1)
        .get({ path: '/channels/shared', params: { info: 'subscription_count' } });
      expect(await one.json()).toEqual({ occupied: true, subscription_count: 2 });
    });

    it('delivers an in-process api.trigger on one node to subscribers on every node, honouring socketId', async () => {
      const cluster = await startCluster(target, 3);
      const clients = await Promise.all([0, 1, 2].map((i) => cluster.raw(i)));
      for (const c of clients) await subscribe(c, 'news');
      const api = cluster.nodes[0]!.server.api;
      await api.trigger('news', 'flash', { n: 1 }, { socketId: clients[1]!.socketId });
      await barrier(cluster, 0, 'news', clients);
      expect(clients.map((c) => count(c, 'flash'))).toEqual([1, 0, 1]);
      expect(clients[2]!.client.received.find((m) => m.event === 'flash')?.data).toBe('{"n":1}');
    });

    it('answers the in-process channels(), channel() and presenceMembers() for the whole cluster', async () => {
      const cluster = await startCluster(target, 3);
      const [, b, c] = await Promise.all([0, 1, 2].map((i) => cluster.raw(i)));
      await subscribe(b!, 'presence-room', 'bob');
      await subscribe(c!, 'presence-room', 'cat');
      await subscribe(c!, 'shared');
      const api = cluster.nodes[0]!.server.api;
      expect(await api.channels({ prefix: 'presence-', info: ['user_count'] })).toEqual({
        channels: { 'presence-room': { user_count: 2 } },
      });
      expect(await api.channel('shared', { info: ['subscription_count'] })).toEqual({
        occupied: true,
        subscription_count: 1,
      });
      const { users } = await api.presenceMembers('presence-room');
      expect(users.map((u) => u.id).sort()).toEqual(['bob', 'cat']);
    });

    it('terminates a user on every node', async () => {
      const cluster = await startCluster(target, 3);
      const tabs = await Promise.all([0, 2].map((i) => cluster.raw(i)));
      for (const tab of tabs) {
        const userData = JSON.stringify({ id: 'ann' });
        tab.client.send({
          event: 'pusher:signin',
          data: { auth: signUser(app, tab.socketId, userData), user_data: userData },
        });
        await tab.client.next('pusher:signin_success');
      }
      await cluster.publisher(1).terminateUserConnections('ann');
      const closes = await Promise.all(tabs.map((t) => t.client.closed));
      expect(closes.map((c) => c.code)).toEqual([4009, 4009]);
    });

    it('terminates a user present on presence channels of other nodes, never signed in', async () => {
      const cluster = await startCluster(target, 3);
      const [ann, bob, annElsewhere] = await Promise.all([0, 1, 2].map((i) => cluster.raw(i)));
      await subscribe(ann!, 'presence-room', 'ann');
      await subscribe(bob!, 'presence-room', 'bob');
      await subscribe(annElsewhere!, 'presence-lobby', 'ann');
      await cluster.publisher(1).terminateUserConnections('ann');
      const closes = await Promise.all([ann!, annElsewhere!].map((t) => t.client.closed));
      expect(closes.map((c) => c.code)).toEqual([4009, 4009]);
      await barrier(cluster, 0, 'presence-room', [bob!]);
      expect(bob!.client.isOpen).toBe(true);
    });

    it("removes a dead node's members everywhere, exactly once, within the node timeout", async () => {
      const cluster = await startCluster(target, 3);
      const [a, b, c] = await Promise.all([0, 1, 2].map((i) => cluster.raw(i)));
      await subscribe(a!, 'presence-room', 'ann');
      await subscribe(b!, 'presence-room', 'bob');
      await subscribe(c!, 'presence-room', 'cat');
      await b!.client.next(
        (m) => m.event === 'pusher_internal:member_added' && m.data === '{"user_id":"cat"}',
      );
      await cluster.kill(2);
      const started = Date.now();
      for (const watcher of [a!, b!]) {
        const removed = await watcher.client.next(
          'pusher_internal:member_removed',
          TEST_CLUSTER_TIMING.nodeTimeoutMs * 5,
        );
        expect(removed.data).toBe('{"user_id":"cat"}');
      }
      expect(Date.now() - started).toBeLessThan(TEST_CLUSTER_TIMING.nodeTimeoutMs * 5);
      await barrier(cluster, 0, 'presence-room', [a!, b!]);
      expect([
        count(a!, 'pusher_internal:member_removed'),
        count(b!, 'pusher_internal:member_removed'),
      ]).toEqual([1, 1]);
      const users = await cluster.publisher(0).get({ path: '/channels/presence-room/users' });
      expect(await users.json()).toEqual({
        users: expect.arrayContaining([{ id: 'ann' }, { id: 'bob' }]) as unknown,
      });
    });

    it('enforces the connection quota across nodes', async () => {
      const cluster = await startCluster(target, 3, testApp({ limits: { maxConnections: 2 } }));
      await cluster.raw(0);
      await cluster.raw(1);
      // Quotas travel with heartbeats: wait until node 2 has heard both.
      await waitFor(() => cluster.nodes[2]!.server.herald.peerCount === 2);
      await new Promise((r) => setTimeout(r, TEST_CLUSTER_TIMING.heartbeatIntervalMs * 2));
      const { connectRaw } = await import('../raw-client');
      const refused = await connectRaw(
        `ws://127.0.0.1:${cluster.nodes[2]!.port}/app/${cluster.app.key}?protocol=7`,
      );
      expect((await refused.closed).code).toBe(4004);
    });
    it(
      "keeps live nodes' members through a bus outage longer than the node timeout, and then removes only what really went",
      { timeout: 60_000 },
      async () => {
        const backend = await target.isolated();
        onTestFinished(() => backend.dispose());
        const printed = vi.spyOn(console, 'error');
        onTestFinished(() => printed.mockRestore());
        const cluster = await startCluster(backend, 3);
        const [a, b, c, d] = await Promise.all([0, 1, 2, 1].map((i) => cluster.raw(i)));
        await subscribe(a!, 'presence-room', 'ann');
        // Bob's node must know ann before he joins, or she reaches him later as member_added.
        await waitFor(async () =>
          (await cluster.nodes[1]!.server.api.presenceMembers('presence-room')).users.some(
            (user) => user.id === 'ann',
          ),
        );
        await subscribe(b!, 'presence-room', 'bob');
        await subscribe(c!, 'presence-room', 'cat');
        await subscribe(d!, 'presence-room', 'dan');
        await waitFor(() => members(a!, 'added').length === 3 && members(b!, 'added').length === 2);
        const statuses = busStatuses(cluster);
        await backend.outage();
        await waitFor(() => statuses.every((s) => s.at(-1) === 'down'));
        // Meanwhile one member really leaves and one node really dies; nobody can hear of it yet.
        await d!.client.close();
        await cluster.kill(2);
        await new Promise((resolve) => setTimeout(resolve, TEST_CLUSTER_TIMING.nodeTimeoutMs * 3));
        expect([members(a!, 'removed'), members(b!, 'removed')]).toEqual([[], ['dan']]);
        await backend.recover();
        await waitFor(() => statuses.slice(0, 2).every((s) => s.at(-1) === 'up'), {
          timeoutMs: 10_000,
        });
        // The dead node's member goes a node timeout after the bus is back: by then a live node
        // wrongly taken for dead would have been announced too.
        for (const watcher of [a!, b!]) {
          await watcher.client.next(
            (m) => m.event === 'pusher_internal:member_removed' && m.data === '{"user_id":"cat"}',
            10_000,
          );
        }
        await barrier(cluster, 0, 'presence-room', [a!, b!]);
        await barrier(cluster, 1, 'presence-room', [a!, b!]);
        expect([members(a!, 'removed'), members(b!, 'removed')]).toEqual([
          ['cat', 'dan'],
          ['cat', 'dan'],
        ]);
        expect([members(a!, 'added'), members(b!, 'added')]).toEqual([
          ['bob', 'cat', 'dan'],
          ['cat', 'dan'],
        ]);
        const users = await cluster.publisher(0).get({ path: '/channels/presence-room/users' });
        expect(
          ((await users.json()) as { users: Array<{ id: string }> }).users.map((u) => u.id).sort(),
        ).toEqual(['ann', 'bob']);
        // Reconnect errors stay off stderr (ioredis prints a stack per retry to a listener-less client).
        expect(
          printed.mock.calls.filter((args) => String(args[0]).includes('Unhandled error event')),
        ).toEqual([]);
        // With the bus up again, a node death is noticed as before.
        await cluster.kill(1);
        await a!.client.next(
          (m) => m.event === 'pusher_internal:member_removed' && m.data === '{"user_id":"bob"}',
          TEST_CLUSTER_TIMING.nodeTimeoutMs * 5,
        );
        expect(members(a!, 'removed')).toEqual(['bob', 'cat', 'dan']);
      },
    );
  });
}
