// Bus metrics on a two-node cluster over the in-memory bus: counters, peers, bus status, node removal.
import { createNodeServer, type NodeServer } from '@herald/node';
import { MemoryBusHub } from '@herald/protocol/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleValue, type Family } from '../../../metrics/test/exposition';
import {
  APP,
  QUIET_APP,
  nextEvent,
  pusherClient,
  start,
  subscribe,
  whenConnected,
  type Started,
} from './support';

const TIMING = { heartbeatIntervalMs: 100, nodeTimeoutMs: 600, gatherTimeoutMs: 1000 };

let started: Started | undefined;
let other: NodeServer | undefined;

afterEach(async () => {
  await started?.stop();
  await other?.close();
  started = undefined;
  other = undefined;
});

/** Scrapes until `check` passes; for cluster state that has no event to wait on (heartbeats). */
async function scrapeUntil(
  check: (metrics: Map<string, Family>) => boolean,
): Promise<Map<string, Family>> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const metrics = await started!.scrape();
    if (check(metrics)) return metrics;
    if (Date.now() > deadline) throw new Error('cluster metrics did not settle within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function startPair(hub: MemoryBusHub, busA = hub.connect()): Promise<number> {
  started = await start({ server: { scaling: busA, cluster: TIMING } });
  other = createNodeServer({
    apps: [APP, QUIET_APP],
    host: '127.0.0.1',
    port: 0,
    scaling: hub.connect(),
    cluster: TIMING,
  });
  return (await other.listen()).port;
}

describe('createMetrics on a cluster node', () => {
  it('reports bus traffic as the core counts it, and the peers it hears from', async () => {
    const hub = new MemoryBusHub();
    const otherPort = await startPair(hub);
    const remote = pusherClient(otherPort, APP);
    try {
      await whenConnected(remote);
      const channel = await subscribe(remote, 'orders');
      await scrapeUntil((m) => sampleValue(m, 'herald_cluster_peers') === 1);
      const delivered = nextEvent(channel, 'order.shipped');
      await started!.publisher().trigger('orders', 'order.shipped', { id: 7 });
      await delivered;

      const metrics = await started!.scrape();
      const bus = started!.node.herald.stats().bus!;
      expect(bus.published).toBeGreaterThan(0);
      expect(sampleValue(metrics, 'herald_bus_messages_published_total')).toBe(bus.published);
      expect(sampleValue(metrics, 'herald_bus_messages_received_total')).toBe(bus.received);
      expect(sampleValue(metrics, 'herald_bus_failures_total')).toBe(0);
      expect(sampleValue(metrics, 'herald_bus_up')).toBe(1);
    } finally {
      remote.disconnect();
    }
  });

  it('reports the bus down and the publishes lost meanwhile, then up again', async () => {
    const hub = new MemoryBusHub();
    const busA = hub.connect();
    await startPair(hub, busA);
    hub.disconnect(busA);
    await expect(
      started!.publisher().trigger('orders', 'order.shipped', {}),
    ).resolves.toMatchObject({ status: 200 });

    const down = await scrapeUntil((m) => (sampleValue(m, 'herald_bus_failures_total') ?? 0) > 0);
    expect(sampleValue(down, 'herald_bus_up')).toBe(0);
    // The scrape is one reading: the exported counter is the core's at that moment.
    expect(
      sampleValue(down, 'herald_messages_dropped_total', { app_id: '', reason: 'bus-unavailable' }),
    ).toBe(sampleValue(down, 'herald_bus_failures_total'));

    // Up again is declared when the node hears its own messages back, a bus round trip later.
    hub.reconnect(busA);
    const up = await scrapeUntil((m) => sampleValue(m, 'herald_bus_up') === 1);
    expect(sampleValue(up, 'herald_bus_up')).toBe(1);
  });

  it('counts a node removed after it stopped sending heartbeats', async () => {
    const hub = new MemoryBusHub();
    await startPair(hub);
    await scrapeUntil((m) => sampleValue(m, 'herald_cluster_peers') === 1);
    await other!.close();
    other = undefined;

    const metrics = await scrapeUntil((m) => sampleValue(m, 'herald_node_removals_total') === 1);
    expect(sampleValue(metrics, 'herald_cluster_peers')).toBe(0);
  });
});
