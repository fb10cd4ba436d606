import { describe, expect, it } from 'vitest';
import { defineApp } from '../apps/app';
import { signChannel } from '../auth/channel-auth';
import type { ClusterBus } from '../contracts/cluster-bus';
import type { HeraldObserver } from '../contracts/observer';
import { CoreHarness, flushPromises, type FakeClient } from '../testing/core-harness';
import { MemoryBusHub } from '../testing/memory-bus';

const appConfig = { id: 'app-id', key: 'app-key', secret: 'app-secret', subscriptionCount: true };
const app = defineApp(appConfig);

interface Node {
  core: CoreHarness;
  bus: ClusterBus;
}

/** Every cluster-wide notification any node reported, as `hook channel [user]` lines. */
function record(nodes: Node[]): string[] {
  const seen: string[] = [];
  for (const node of nodes) node.core.herald.observe(recorder(seen));
  return seen;
}

function recorder(seen: string[]): HeraldObserver {
  return {
    channelOccupied: (e) => seen.push(`occupied ${e.channel}`),
    channelVacated: (e) => seen.push(`vacated ${e.channel}`),
    memberAdded: (e) => seen.push(`added ${e.channel} ${e.userId}`),
    memberRemoved: (e) => seen.push(`removed ${e.channel} ${e.userId}`),
    subscriptionCountChanged: (e) => seen.push(`count ${e.channel} ${e.count}`),
  };
}

async function cluster(count: number, hub = new MemoryBusHub()): Promise<Node[]> {
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) nodes.push(await addNode(hub));
  await settle(nodes);
  return nodes;
}

async function addNode(hub: MemoryBusHub): Promise<Node> {
  const bus = hub.connect();
  const core = new CoreHarness(appConfig, {
    scaling: bus,
    cluster: { heartbeatIntervalMs: 1000, nodeTimeoutMs: 3000 },
  });
  await core.herald.ready;
  return { core, bus };
}

async function settle(nodes: Node[], ms = 1000): Promise<void> {
  for (let i = 0; i < 3; i++) {
    for (const node of nodes) node.core.clock.advance(ms);
    await flushPromises();
  }
}

const subscribe = (client: FakeClient, channel: string) =>
  client.send({ event: 'pusher:subscribe', data: { channel } });
const unsubscribe = (client: FakeClient, channel: string) =>
  client.send({ event: 'pusher:unsubscribe', data: { channel } });

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

// Every channel has one owner; checking many names covers both "owner holds it" and "owner does not".
const channels = Array.from({ length: 12 }, (_, i) => `news-${i}`);

describe('cluster-wide notifications', () => {
  it('reports a channel occupied once when its first subscriber anywhere joins, vacated once when the last leaves', async () => {
    const nodes = await cluster(3);
    const seen = record(nodes);
    const [a, b] = await Promise.all(nodes.slice(0, 2).map((n) => n.core.connect()));
    for (const channel of channels) subscribe(a!, channel);
    await flushPromises();
    for (const channel of channels) subscribe(b!, channel);
    await flushPromises();
    for (const channel of channels) unsubscribe(a!, channel);
    await flushPromises();
    expect(seen.filter((l) => l.startsWith('occupied')).sort()).toEqual(
      channels.map((c) => `occupied ${c}`).sort(),
    );
    expect(seen.filter((l) => l.startsWith('vacated'))).toEqual([]);
    for (const channel of channels) unsubscribe(b!, channel);
    await flushPromises();
    expect(seen.filter((l) => l.startsWith('vacated')).sort()).toEqual(
      channels.map((c) => `vacated ${c}`).sort(),
    );
  });

  it('reports exactly once when two nodes gain or lose a channel at the same moment', async () => {
    const nodes = await cluster(2);
    const seen = record(nodes);
    const [a, b] = await Promise.all(nodes.map((n) => n.core.connect()));
    for (const channel of channels) {
      subscribe(a!, channel);
      subscribe(b!, channel); // before the bus delivers a's announcement
    }
    await flushPromises();
    for (const channel of channels) {
      unsubscribe(a!, channel);
      unsubscribe(b!, channel);
    }
    await flushPromises();
    for (const channel of channels) {
      expect(seen.filter((l) => l === `occupied ${channel}`)).toHaveLength(1);
      expect(seen.filter((l) => l === `vacated ${channel}`)).toHaveLength(1);
    }
  });

  it('reports a presence member once, however many nodes hold their sockets', async () => {
    const nodes = await cluster(3);
    const seen = record(nodes);
    const clients = await Promise.all(nodes.map((n) => n.core.connect()));
    for (const client of clients) joinPresence(client, 'ann');
    await flushPromises();
    expect(seen.filter((l) => l.startsWith('added'))).toEqual(['added presence-room ann']);
    nodes[0]!.core.disconnect(clients[0]!);
    nodes[1]!.core.disconnect(clients[1]!);
    await flushPromises();
    expect(seen.filter((l) => l.startsWith('removed'))).toEqual([]);
    nodes[2]!.core.disconnect(clients[2]!);
    await flushPromises();
    expect(seen.filter((l) => l.startsWith('removed'))).toEqual(['removed presence-room ann']);
    expect(seen.filter((l) => l.includes('presence-room') && !l.startsWith('count'))).toEqual([
      'occupied presence-room',
      'added presence-room ann',
      'removed presence-room ann',
      'vacated presence-room',
    ]);
  });

  it("reports a dead node's members removed and its channels vacated, once", async () => {
    const hub = new MemoryBusHub();
    const nodes = await cluster(3, hub);
    const seen = record(nodes);
    const [a, , c] = await Promise.all(nodes.map((n) => n.core.connect()));
    joinPresence(a!, 'ann');
    joinPresence(c!, 'cat');
    for (const channel of channels) subscribe(a!, channel);
    await flushPromises();
    seen.length = 0;
    hub.disconnect(nodes[0]!.bus); // node 0 goes silent, as if killed
    for (let i = 0; i < 2; i++) await settle(nodes.slice(1)); // heartbeat by heartbeat, see cluster-node.test.ts
    expect(seen.sort()).toEqual(
      [...channels.map((ch) => `vacated ${ch}`), 'removed presence-room ann'].sort(),
    );
  });

  it('leaves reporting to the connected side when a node is cut off from the bus', async () => {
    const hub = new MemoryBusHub();
    const nodes = await cluster(3, hub);
    const [a, b] = await Promise.all(nodes.slice(0, 2).map((n) => n.core.connect()));
    joinPresence(a!, 'ann');
    joinPresence(b!, 'bob');
    await flushPromises();
    const isolated: string[] = [];
    const connected: string[] = [];
    nodes[0]!.core.herald.observe(recorder(isolated));
    for (const node of nodes.slice(1)) node.core.herald.observe(recorder(connected));
    hub.disconnect(nodes[0]!.bus);
    for (let i = 0; i < 2; i++) await settle(nodes); // heartbeat by heartbeat, see cluster-node.test.ts
    expect(isolated).toEqual([]);
    expect(connected).toEqual(['removed presence-room ann']);
  });

  it('does not report the cluster again to a node that joins late', async () => {
    const hub = new MemoryBusHub();
    const nodes = await cluster(2, hub);
    const [a] = await Promise.all(nodes.map((n) => n.core.connect()));
    joinPresence(a!, 'ann');
    for (const channel of channels) subscribe(a!, channel);
    await flushPromises();
    const late = await addNode(hub);
    const seen = record([...nodes, late]);
    await settle([...nodes, late]);
    // (counts are throttled updates of a's subscriptions, due now; not a re-report)
    expect(seen.filter((l) => !l.startsWith('count'))).toEqual([]);
    // The late node knows the cluster's state: the channels are vacated when a's subscriptions end.
    for (const channel of channels) unsubscribe(a!, channel);
    await flushPromises();
    expect(seen.filter((l) => l.startsWith('vacated'))).toHaveLength(channels.length);
  });

  it('reports subscription counts summed over the cluster', async () => {
    const nodes = await cluster(2);
    const seen = record(nodes);
    const [a, b, b2] = [
      await nodes[0]!.core.connect(),
      await nodes[1]!.core.connect(),
      await nodes[1]!.core.connect(),
    ];
    subscribe(a, 'ticker');
    await flushPromises();
    nodes[0]!.core.clock.advance(1000); // the throttle window ends on node 0 first
    await flushPromises();
    subscribe(b, 'ticker');
    subscribe(b2, 'ticker');
    await flushPromises();
    nodes[1]!.core.clock.advance(1000);
    for (let i = 0; i < 3; i++) await flushPromises();
    expect(seen.filter((l) => l.startsWith('count'))).toEqual(['count ticker 1', 'count ticker 3']);
  });
});
