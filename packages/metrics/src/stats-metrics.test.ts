import type { AppStats, HeraldStats } from '@herald/protocol';
import { describe, expect, it, vi } from 'vitest';
import { parseExposition, sampleValue } from '../test/exposition';
import { createMetrics } from './create-metrics';

function appStats(appId: string, values: Partial<AppStats> = {}): AppStats {
  const zero = {
    connections: 0,
    channels: 0,
    subscriptions: 0,
    presenceMembers: 0,
    messagesIn: 0,
    bytesIn: 0,
    messagesOut: 0,
    bytesOut: 0,
  };
  return { appId, ...zero, ...values };
}

/** A Herald stand-in whose stats() returns whatever the test sets. */
function fakeHerald(initial: HeraldStats['apps']) {
  let reading: HeraldStats = {
    nodeId: undefined,
    peers: 0,
    pendingFanouts: 0,
    queuedDeliveries: 0,
    eventLoopLagMs: 0,
    bus: undefined,
    apps: initial,
  };
  const herald = {
    nodeId: undefined,
    observe: vi.fn(() => () => undefined),
    stats: vi.fn(() => reading),
  };
  return {
    herald,
    set: (apps: HeraldStats['apps'], pendingFanouts = 0) =>
      (reading = { ...reading, apps, pendingFanouts }),
    setLoad: (queuedDeliveries: number, eventLoopLagMs: number) =>
      (reading = { ...reading, queuedDeliveries, eventLoopLagMs }),
  };
}

describe('stats metrics', () => {
  it('reads herald.stats() once per scrape, whatever the number of metrics', async () => {
    const { herald } = fakeHerald([appStats('a')]);
    const metrics = createMetrics(herald, { collectDefaultMetrics: false });
    await metrics.registry.metrics();
    expect(herald.stats).toHaveBeenCalledTimes(1);
    await metrics.registry.metrics();
    expect(herald.stats).toHaveBeenCalledTimes(2);
  });

  it('exports each core counter as exactly the core total, through a reset of the source', async () => {
    const source = fakeHerald([appStats('a', { messagesOut: 5, bytesOut: 50 })]);
    const metrics = createMetrics(source.herald, { collectDefaultMetrics: false });
    const sent = async () =>
      sampleValue(
        parseExposition(await metrics.registry.metrics()),
        'herald_ws_messages_sent_total',
        { app_id: 'a' },
      );
    expect(await sent()).toBe(5);
    expect(await sent()).toBe(5);
    source.set([appStats('a', { messagesOut: 12 })]);
    expect(await sent()).toBe(12);
    // A source that restarts counting is a counter reset, which rate() understands.
    source.set([appStats('a', { messagesOut: 2 })]);
    expect(await sent()).toBe(2);
  });

  it('reports history gauges for apps with resumable channels only', async () => {
    const source = fakeHerald([
      appStats('a', { history: { channels: 2, events: 7, bytes: 900 } }),
      appStats('b'),
    ]);
    const metrics = createMetrics(source.herald, { collectDefaultMetrics: false });
    const families = parseExposition(await metrics.registry.metrics());
    expect(sampleValue(families, 'herald_history_channels', { app_id: 'a' })).toBe(2);
    expect(sampleValue(families, 'herald_history_events', { app_id: 'a' })).toBe(7);
    expect(sampleValue(families, 'herald_history_bytes', { app_id: 'a' })).toBe(900);
    expect(sampleValue(families, 'herald_history_bytes', { app_id: 'b' })).toBeUndefined();
  });

  it('drops the gauge series of an app the core no longer reports, instead of keeping a stale value', async () => {
    const source = fakeHerald([
      appStats('a', { connections: 3 }),
      appStats('b', { connections: 1 }),
    ]);
    const metrics = createMetrics(source.herald, { collectDefaultMetrics: false });
    let families = parseExposition(await metrics.registry.metrics());
    expect(sampleValue(families, 'herald_connections', { app_id: 'b' })).toBe(1);
    source.set([appStats('a', { connections: 0 })], 4);
    families = parseExposition(await metrics.registry.metrics());
    expect(families.get('herald_connections')?.samples).toEqual([
      { name: 'herald_connections', labels: { app_id: 'a' }, value: 0 },
    ]);
    expect(sampleValue(families, 'herald_pending_fanouts')).toBe(4);
  });

  it('exports the delivery backlog and event-loop lag that admission control reads', async () => {
    const source = fakeHerald([appStats('a')]);
    const metrics = createMetrics(source.herald, { collectDefaultMetrics: false });
    source.setLoad(250_000, 1500);
    const families = parseExposition(await metrics.registry.metrics());
    expect(sampleValue(families, 'herald_queued_deliveries')).toBe(250_000);
    expect(sampleValue(families, 'herald_event_loop_lag_seconds')).toBe(1.5);
  });

  it('uses the prefix given, or none', async () => {
    const { herald } = fakeHerald([appStats('a', { channels: 2 })]);
    const metrics = createMetrics(herald, { collectDefaultMetrics: false, prefix: '' });
    expect(
      sampleValue(parseExposition(await metrics.registry.metrics()), 'channels', { app_id: 'a' }),
    ).toBe(2);
  });
});
