// The scaling conformance suite: three real nodes on one backend, real clients on different nodes.
import { signChannel, signUser, defineApp } from '@herald/protocol';
import { describe, expect, it } from 'vitest';
import type { EstablishedClient } from '../raw-client';
import { testApp } from '../test-apps';
import { waitFor } from '../wait-for';
import type { BusTarget } from './bus-target';
import { startCluster, TEST_CLUSTER_TIMING, type ClusterHarness } from './cluster-harness';

const app = defineApp(testApp());

function subscribe(raw: EstablishedClient, channel: string, user?: string): Promise<unknown> {
  if (channel.startsWith('presence-')) {
    const data = JSON.stringify({ user_id: user });
    raw.client.send({ event: 'pusher:subscribe', data: { channel, auth: signChannel(app, raw.socketId, channel, data), channel_data: data } });
  } else if (channel.startsWith('private-')) {
    raw.client.send({ event: 'pusher:subscribe', data: { channel, auth: signChannel(app, raw.socketId, channel) } });
  } else {
    raw.client.send({ event: 'pusher:subscribe', data: { channel } });
  }
  return raw.client.next((m) => m.event === 'pusher_internal:subscription_succeeded' && m.channel === channel);
}

/** Publishes a marker through node `via` and waits for it on `clients`: everything that node sent before it has arrived. */
async function barrier(cluster: ClusterHarness, via: number, channel: string, clients: EstablishedClient[]): Promise<void> {
  const id = Math.random().toString(36).slice(2);
  await cluster.publisher(via).trigger(channel, 'marker', id);
  await Promise.all(clients.map((c) => c.client.next((m) => m.event === 'marker' && m.data === id, 5000)));
}

const count = (raw: EstablishedClient, event: string) => raw.client.received.filter((m) => m.event === event).length;

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
      expect(received.json).toEqual({ event: 'client-typing', channel: 'private-chat', data: { who: 'a' } });
      await barrier(cluster, 0, 'private-chat', [a!]);
      expect(count(a!, 'client-typing')).toBe(0);
    });

    it('keeps presence cluster-wide: one roster, one count per user, leave at the last socket anywhere', async () => {
      const cluster = await startCluster(target, 3);
      const [a, b, c] = await Promise.all([0, 1, 2].map((i) => cluster.raw(i)));
      await subscribe(b!, 'presence-room', 'bob');
      await subscribe(a!, 'presence-room', 'ann');
      await b!.client.next((m) => m.event === 'pusher_internal:member_added' && m.data === '{"user_id":"ann"}');
      const roster = (await subscribe(c!, 'presence-room', 'ann')) as { data: string };
      const presence = (JSON.parse(roster.data) as { presence: { ids: string[]; count: number } }).presence;
      expect(presence.count).toBe(2);
      expect([...presence.ids].sort()).toEqual(['ann', 'bob']);
      const info = await cluster.publisher(1).get({ path: '/channels/presence-room', params: { info: 'user_count,subscription_count' } });
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
      const one = await cluster.publisher(1).get({ path: '/channels/shared', params: { info: 'subscription_count' } });
      expect(await one.json()).toEqual({ occupied: true, subscription_count: 2 });
    });

    it('terminates a user on every node', async () => {
      const cluster = await startCluster(target, 3);
      const tabs = await Promise.all([0, 2].map((i) => cluster.raw(i)));
      for (const tab of tabs) {
        const userData = JSON.stringify({ id: 'ann' });
        tab.client.send({ event: 'pusher:signin', data: { auth: signUser(app, tab.socketId, userData), user_data: userData } });
        await tab.client.next('pusher:signin_success');
      }
      await cluster.publisher(1).terminateUserConnections('ann');
      const closes = await Promise.all(tabs.map((t) => t.client.closed));
      expect(closes.map((c) => c.code)).toEqual([4009, 4009]);
    });

    it('removes a dead node\'s members everywhere, exactly once, within the node timeout', async () => {
      const cluster = await startCluster(target, 3);
      const [a, b, c] = await Promise.all([0, 1, 2].map((i) => cluster.raw(i)));
      await subscribe(a!, 'presence-room', 'ann');
      await subscribe(b!, 'presence-room', 'bob');
      await subscribe(c!, 'presence-room', 'cat');
      await b!.client.next((m) => m.event === 'pusher_internal:member_added' && m.data === '{"user_id":"cat"}');
      await cluster.kill(2);
      const started = Date.now();
      for (const watcher of [a!, b!]) {
        const removed = await watcher.client.next('pusher_internal:member_removed', TEST_CLUSTER_TIMING.nodeTimeoutMs * 5);
        expect(removed.data).toBe('{"user_id":"cat"}');
      }
      expect(Date.now() - started).toBeLessThan(TEST_CLUSTER_TIMING.nodeTimeoutMs * 5);
      await barrier(cluster, 0, 'presence-room', [a!, b!]);
      expect([count(a!, 'pusher_internal:member_removed'), count(b!, 'pusher_internal:member_removed')]).toEqual([1, 1]);
      const users = await cluster.publisher(0).get({ path: '/channels/presence-room/users' });
      expect(await users.json()).toEqual({ users: expect.arrayContaining([{ id: 'ann' }, { id: 'bob' }]) as unknown });
    });

    it('enforces the connection quota across nodes', async () => {
      const cluster = await startCluster(target, 3, testApp({ limits: { maxConnections: 2 } }));
      await cluster.raw(0);
      await cluster.raw(1);
      // Quotas travel with heartbeats: wait until node 2 has heard both.
      await waitFor(() => cluster.nodes[2]!.server.herald.peerCount === 2);
      await new Promise((r) => setTimeout(r, TEST_CLUSTER_TIMING.heartbeatIntervalMs * 2));
      const { connectRaw } = await import('../raw-client');
      const refused = await connectRaw(`ws://127.0.0.1:${cluster.nodes[2]!.port}/app/${cluster.app.key}?protocol=7`);
      expect((await refused.closed).code).toBe(4004);
    });
  });
}
