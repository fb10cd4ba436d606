import { describe, expect, it } from 'vitest';
import { defineApp } from '../apps/app';
import { signChannel } from '../auth/channel-auth';
import type { ClusterBus } from '../contracts/cluster-bus';
import { CoreHarness, flushPromises, type FakeClient } from '../testing/core-harness';
import { MemoryBusHub } from '../testing/memory-bus';
import { signedRequest } from '../testing/signed-request';

const appConfig = {
  id: 'app-id',
  key: 'app-key',
  secret: 'app-secret',
  limits: { maxConnections: 3 },
};
const app = defineApp(appConfig);

interface Node {
  core: CoreHarness;
  bus: ClusterBus;
}

async function cluster(
  count: number,
  hub = new MemoryBusHub(),
): Promise<{ hub: MemoryBusHub; nodes: Node[] }> {
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) {
    const bus = hub.connect();
    const core = new CoreHarness(appConfig, {
      scaling: bus,
      cluster: { heartbeatIntervalMs: 1000, nodeTimeoutMs: 3000 },
    });
    await core.herald.ready;
    nodes.push({ core, bus });
  }
  await settle(nodes);
  return { hub, nodes };
}

/** Lets bus deliveries and app lookups run, then one heartbeat round so every node knows the others. */
async function settle(nodes: Node[], ms = 1000): Promise<void> {
  for (let i = 0; i < 3; i++) {
    for (const node of nodes) node.core.clock.advance(ms);
    await flushPromises();
  }
}

function joinPresence(client: FakeClient, user: string) {
  const data = JSON.stringify({ user_id: user });
  client.send({
    event: 'pusher:subscribe',
    data: {
      channel: 'presence-room',
      auth: signChannel(app, client.socketId, 'presence-room', data),
      channel_data: data,
    },
  });
}

const eventsOf = (client: FakeClient, event: string) =>
  client.socket.messages.filter((m) => m.event === event);

describe('ClusterNode', () => {
  it('delivers an API event published on one node to subscribers on every node, once', async () => {
    const { nodes } = await cluster(3);
    const clients = await Promise.all(nodes.map((n) => n.core.connect()));
    for (const c of clients) c.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
    const body = JSON.stringify({
      name: 'flash',
      data: 'x',
      channel: 'news',
      socket_id: clients[2]!.socketId,
    });
    await nodes[0]!.core.herald.http.handle(
      signedRequest(app, 'POST', '/apps/app-id/events', body, nodes[0]!.core.clock.now()),
    );
    await flushPromises();
    expect(clients.map((c) => eventsOf(c, 'flash').length)).toEqual([1, 1, 0]);
    const [origin, peer] = nodes.map((n) => n.core.herald.stats());
    expect(origin!.peers).toBe(2);
    expect(origin!.bus!.published).toBeGreaterThan(0);
    expect(peer!.bus!.received).toBeGreaterThan(0);
    expect(origin!.bus!.failed).toBe(0);
  });

  it('relays client events across nodes without echoing them', async () => {
    const { nodes } = await cluster(2);
    const [a, b] = await Promise.all(nodes.map((n) => n.core.connect()));
    for (const c of [a!, b!])
      c.send({
        event: 'pusher:subscribe',
        data: { channel: 'private-chat', auth: signChannel(app, c.socketId, 'private-chat') },
      });
    a!.send({ event: 'client-typing', channel: 'private-chat', data: { who: 'a' } });
    await flushPromises();
    expect(eventsOf(b!, 'client-typing')).toEqual([
      { event: 'client-typing', channel: 'private-chat', data: { who: 'a' } },
    ]);
    expect(eventsOf(a!, 'client-typing')).toEqual([]);
  });

  it('shows presence members of every node and counts a user on two nodes once', async () => {
    const { nodes } = await cluster(3);
    const [a, b, c] = await Promise.all(nodes.map((n) => n.core.connect()));
    joinPresence(a!, 'ann');
    await flushPromises();
    joinPresence(b!, 'bob');
    await flushPromises();
    joinPresence(c!, 'ann');
    await flushPromises();
    const roster = JSON.parse(
      eventsOf(c!, 'pusher_internal:subscription_succeeded')[0]!.data as string,
    );
    expect(roster.presence.count).toBe(2);
    expect(roster.presence.ids.sort()).toEqual(['ann', 'bob']);
    expect(eventsOf(a!, 'pusher_internal:member_added').map((m) => m.data)).toEqual([
      '{"user_id":"bob"}',
    ]);
    expect(eventsOf(b!, 'pusher_internal:member_added').map((m) => m.data)).toEqual([]);
    const res = await nodes[1]!.core.herald.http.handle(
      signedRequest(
        app,
        'GET',
        '/apps/app-id/channels/presence-room',
        '',
        nodes[1]!.core.clock.now(),
        '&info=user_count,subscription_count',
      ),
    );
    expect(JSON.parse(res.body)).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });
  });

  it('removes a user only when their last socket anywhere leaves', async () => {
    const { nodes } = await cluster(2);
    const [a1, b1] = await Promise.all(nodes.map((n) => n.core.connect()));
    const watcher = await nodes[1]!.core.connect();
    joinPresence(watcher, 'w');
    joinPresence(a1!, 'ann');
    await flushPromises();
    joinPresence(b1!, 'ann');
    await flushPromises();
    nodes[0]!.core.disconnect(a1!);
    await flushPromises();
    expect(eventsOf(watcher, 'pusher_internal:member_removed')).toEqual([]);
    nodes[1]!.core.disconnect(b1!);
    await flushPromises();
    expect(eventsOf(watcher, 'pusher_internal:member_removed').map((m) => m.data)).toEqual([
      '{"user_id":"ann"}',
    ]);
  });

  it("removes a dead node's members everywhere exactly once", async () => {
    const { hub, nodes } = await cluster(3);
    const [a, , c] = await Promise.all(nodes.map((n) => n.core.connect()));
    joinPresence(a!, 'ann');
    joinPresence(c!, 'cat');
    await flushPromises();
    hub.disconnect(nodes[0]!.bus); // node 0 goes silent, as if killed
    // Heartbeat by heartbeat: a clock that jumps past half the node timeout at once looks, to
    // the node, like a bus that stopped echoing it, and a cut-off node lets nobody expire.
    for (let i = 0; i < 2; i++) await settle(nodes.slice(1));
    expect(eventsOf(c!, 'pusher_internal:member_removed').map((m) => m.data)).toEqual([
      '{"user_id":"ann"}',
    ]);
    const users = await nodes[2]!.core.herald.http.handle(
      signedRequest(
        app,
        'GET',
        '/apps/app-id/channels/presence-room/users',
        '',
        nodes[2]!.core.clock.now(),
      ),
    );
    expect(JSON.parse(users.body)).toEqual({ users: [{ id: 'cat' }] });
  });

  it('reports each peer once when first heard, and again when it comes back after removal', async () => {
    const hub = new MemoryBusHub();
    const { nodes } = await cluster(2, hub);
    const added: string[] = [];
    const removed: string[] = [];
    nodes[0]!.core.herald.observe({
      nodeAdded: ({ nodeId }) => void added.push(nodeId),
      nodeRemoved: ({ nodeId }) => void removed.push(nodeId),
    });
    const { nodes: later } = await cluster(1, hub);
    await settle([...nodes, ...later]);
    const newcomer = later[0]!.core.herald.nodeId!;
    expect(added).toEqual([newcomer]);
    hub.disconnect(later[0]!.bus);
    for (let i = 0; i < 2; i++) await settle(nodes);
    expect(removed).toEqual([newcomer]);
    hub.reconnect(later[0]!.bus);
    await settle([...nodes, ...later]);
    expect(added).toEqual([newcomer, newcomer]);
  });

  it('reconciles presence after a bus outage', async () => {
    const { hub, nodes } = await cluster(2);
    const [a, b] = await Promise.all(nodes.map((n) => n.core.connect()));
    joinPresence(b!, 'bob');
    await flushPromises();
    hub.disconnect(nodes[0]!.bus);
    joinPresence(a!, 'ann'); // lost: node 0 cannot publish
    await flushPromises();
    expect(eventsOf(b!, 'pusher_internal:member_added')).toEqual([]);
    hub.reconnect(nodes[0]!.bus);
    await settle(nodes);
    expect(eventsOf(b!, 'pusher_internal:member_added').map((m) => m.data)).toEqual([
      '{"user_id":"ann"}',
    ]);
  });

  it('enforces the connection quota across the cluster', async () => {
    const { nodes } = await cluster(2);
    await nodes[0]!.core.connect();
    await nodes[0]!.core.connect();
    await nodes[1]!.core.connect();
    await settle(nodes);
    const refused = await nodes[1]!.core.connect();
    expect(refused.socket.closed?.code).toBe(4004);
  });

  it('lists channels and counts subscriptions across nodes', async () => {
    const { nodes } = await cluster(2);
    const [a, b] = await Promise.all(nodes.map((n) => n.core.connect()));
    a!.send({ event: 'pusher:subscribe', data: { channel: 'only-a' } });
    b!.send({ event: 'pusher:subscribe', data: { channel: 'shared' } });
    a!.send({ event: 'pusher:subscribe', data: { channel: 'shared' } });
    const res = await nodes[0]!.core.herald.http.handle(
      signedRequest(app, 'GET', '/apps/app-id/channels', '', nodes[0]!.core.clock.now()),
    );
    expect(JSON.parse(res.body)).toEqual({ channels: { 'only-a': {}, shared: {} } });
    const one = await nodes[0]!.core.herald.http.handle(
      signedRequest(
        app,
        'GET',
        '/apps/app-id/channels/shared',
        '',
        nodes[0]!.core.clock.now(),
        '&info=subscription_count',
      ),
    );
    expect(JSON.parse(one.body)).toEqual({ occupied: true, subscription_count: 2 });
  });

  it("terminates a user's sockets on every node", async () => {
    const { nodes } = await cluster(2);
    const { signUser } = await import('../auth/user-auth');
    const tabs = await Promise.all(nodes.map((n) => n.core.connect()));
    for (const tab of tabs) {
      const userData = '{"id":"ann"}';
      tab.send({
        event: 'pusher:signin',
        data: { auth: signUser(app, tab.socketId, userData), user_data: userData },
      });
    }
    await nodes[0]!.core.herald.http.handle(
      signedRequest(
        app,
        'POST',
        '/apps/app-id/users/ann/terminate_connections',
        '{}',
        nodes[0]!.core.clock.now(),
      ),
    );
    await flushPromises();
    expect(tabs.map((t) => t.socket.closed?.code)).toEqual([4009, 4009]);
  });

  it('counts publishes the bus refused instead of losing them silently', async () => {
    const { hub, nodes } = await cluster(2);
    const drops: string[] = [];
    nodes[0]!.core.herald.observe({ messageDropped: (e) => drops.push(e.reason) });
    hub.disconnect(nodes[0]!.bus);
    const body = JSON.stringify({ name: 'e', data: 'x', channel: 'news' });
    await nodes[0]!.core.herald.http.handle(
      signedRequest(app, 'POST', '/apps/app-id/events', body, nodes[0]!.core.clock.now()),
    );
    await flushPromises();
    expect(drops).toContain('bus-unavailable');
  });

  it('ignores garbage on the bus', async () => {
    const { nodes } = await cluster(2);
    const errors: unknown[] = [];
    nodes[1]!.core.herald.observe({ internalError: (e) => errors.push(e) });
    for (const payload of [
      'nope',
      '{}',
      '{"t":"ev","n":"x"}',
      '{"t":"pj","n":"x","v":"a"}',
      'null',
    ]) {
      await nodes[0]!.bus.publish('herald.all', payload);
    }
    await flushPromises();
    expect(errors).toEqual([]);
    const client = await nodes[1]!.core.connect();
    client.send({ event: 'pusher:ping', data: {} });
    expect(client.socket.last('pusher:pong')).toBeDefined();
  });
});
