import { describe, expect, it } from 'vitest';
import { defineApp } from '../apps/app';
import { signChannel } from '../auth/channel-auth';
import type { ClusterBus } from '../contracts/cluster-bus';
import { CoreHarness, flushPromises, type FakeClient } from '../testing/core-harness';
import { MemoryBusHub } from '../testing/memory-bus';

const appConfig = { id: 'app-id', key: 'app-key', secret: 'app-secret' };
const app = defineApp(appConfig);
const TIMING = { heartbeatIntervalMs: 1000, nodeTimeoutMs: 3000 };

interface Node {
  core: CoreHarness;
  /** What the hub knows the node by (the node itself may see a wrapper). */
  bus: ClusterBus;
}

/** Nodes on one hub; `silent` hides the bus's status reports, leaving only the echo of its own heartbeat. */
async function cluster(
  count: number,
  silent = false,
): Promise<{ hub: MemoryBusHub; nodes: Node[] }> {
  const hub = new MemoryBusHub();
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) {
    const bus = hub.connect();
    const scaling: ClusterBus = silent
      ? {
          publish: (t, p) => bus.publish(t, p),
          subscribe: (t, fn) => bus.subscribe(t, fn),
          close: () => bus.close(),
        }
      : bus;
    const core = new CoreHarness(appConfig, { scaling, cluster: TIMING });
    await core.herald.ready;
    nodes.push({ core, bus });
  }
  await settle(nodes);
  return { hub, nodes };
}

/** Three heartbeat rounds of `ms` on every node's clock, with bus deliveries in between. */
async function settle(nodes: Node[], ms = 1000): Promise<void> {
  for (let i = 0; i < 3; i++) {
    for (const node of nodes) node.core.clock.advance(ms);
    await flushPromises();
  }
}

function joinPresence(client: FakeClient, user: string): void {
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

const members = (client: FakeClient, event: 'added' | 'removed') =>
  client.socket.messages
    .filter((m) => m.event === `pusher_internal:member_${event}`)
    .map((m) => JSON.parse(m.data as string).user_id as string);

/** Three nodes with ann, bob and cat on nodes 0, 1, 2; every node has seen every member. */
async function presenceOnThreeNodes(silent = false) {
  const { hub, nodes } = await cluster(3, silent);
  const clients = await Promise.all(nodes.map((n) => n.core.connect()));
  ['ann', 'bob', 'cat'].forEach((user, i) => joinPresence(clients[i]!, user));
  await settle(nodes);
  expect(members(clients[0]!, 'added').sort()).toEqual(['bob', 'cat']);
  return { hub, nodes, clients };
}

describe('ClusterNode through a bus outage', () => {
  for (const silent of [false, true]) {
    const how = silent
      ? 'a bus that reports no status (own echo only)'
      : 'a bus that reports its status';
    it(`keeps every live node's members through an outage longer than the node timeout, on ${how}`, async () => {
      const { hub, nodes, clients } = await presenceOnThreeNodes(silent);
      for (const node of nodes) hub.disconnect(node.bus);
      await settle(nodes, TIMING.nodeTimeoutMs); // 9 s of silence
      expect(clients.map((c) => members(c, 'removed'))).toEqual([[], [], []]);
      for (const node of nodes) hub.reconnect(node.bus);
      await settle(nodes);
      await settle(nodes, TIMING.nodeTimeoutMs / 2);
      expect(clients.map((c) => members(c, 'removed'))).toEqual([[], [], []]);
      expect(clients.map((c) => members(c, 'added').length)).toEqual([2, 2, 2]);
      expect(nodes.map((n) => n.core.herald.peerCount)).toEqual([2, 2, 2]);
    });
  }

  it('removes, once the bus is back, only a member who really left during the outage', async () => {
    const { hub, nodes, clients } = await presenceOnThreeNodes();
    for (const node of nodes) hub.disconnect(node.bus);
    nodes[2]!.core.disconnect(clients[2]!);
    await settle(nodes, TIMING.nodeTimeoutMs);
    for (const node of nodes) hub.reconnect(node.bus);
    await settle(nodes);
    expect(members(clients[0]!, 'removed')).toEqual(['cat']);
    expect(members(clients[1]!, 'removed')).toEqual(['cat']);
    expect(members(clients[0]!, 'added').sort()).toEqual(['bob', 'cat']);
  });

  it('removes the members of a node that died during the outage a node timeout after the bus is back', async () => {
    const { hub, nodes, clients } = await presenceOnThreeNodes();
    for (const node of nodes) hub.disconnect(node.bus);
    await settle(nodes, TIMING.nodeTimeoutMs);
    const survivors = nodes.slice(0, 2); // node 2 never comes back
    for (const node of survivors) hub.reconnect(node.bus);
    await settle(survivors, TIMING.nodeTimeoutMs / 3); // just under the node timeout since recovery
    expect(members(clients[0]!, 'removed')).toEqual([]);
    await settle(survivors, TIMING.nodeTimeoutMs / 2);
    expect(members(clients[0]!, 'removed')).toEqual(['cat']);
    expect(members(clients[1]!, 'removed')).toEqual(['cat']);
  });

  it('reports the outage to observers once, and its end once the node hears itself again', async () => {
    const { hub, nodes } = await cluster(2);
    const statuses: string[] = [];
    nodes[0]!.core.herald.observe({ busStatus: (e) => statuses.push(e.status) });
    hub.disconnect(nodes[0]!.bus);
    await settle(nodes, TIMING.nodeTimeoutMs);
    hub.reconnect(nodes[0]!.bus);
    await settle(nodes);
    expect(statuses).toEqual(['down', 'up']);
  });

  it('still removes a node that dies while the bus is up', async () => {
    const { hub, nodes, clients } = await presenceOnThreeNodes();
    hub.disconnect(nodes[2]!.bus); // node 2 alone goes silent: the others still hear themselves
    await settle(nodes, TIMING.nodeTimeoutMs / 2);
    expect(members(clients[0]!, 'removed')).toEqual(['cat']);
    expect(members(clients[1]!, 'removed')).toEqual(['cat']);
    expect(members(clients[2]!, 'removed')).toEqual([]); // the cut-off node announces nothing
  });
});
