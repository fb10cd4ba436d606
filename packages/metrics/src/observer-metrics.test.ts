import { defineApp, type HeraldObserver, type HeraldStats } from '@herald/protocol';
import { describe, expect, it, vi } from 'vitest';
import { parseExposition, sampleValue } from '../test/exposition';
import { createMetrics } from './create-metrics';

const app = defineApp({ id: 'a', key: 'k', secret: 's' });

/** A Herald stand-in that hands the observer to the test. */
function fakeHerald(nodeId?: string) {
  const stats: HeraldStats = {
    nodeId,
    peers: 0,
    pendingFanouts: 0,
    queuedDeliveries: 0,
    eventLoopLagMs: 0,
    bus: nodeId ? { published: 0, received: 0, failed: 0 } : undefined,
    apps: [],
  };
  const remove = vi.fn();
  let observer: HeraldObserver = {};
  const herald = {
    nodeId,
    stats: () => stats,
    observe: (o: HeraldObserver) => {
      observer = o;
      return remove;
    },
  };
  return { herald, remove, observer: () => observer };
}

describe('observer metrics', () => {
  it('counts API requests by method and status, with unknown methods and apps folded', async () => {
    const fake = fakeHerald();
    const metrics = createMetrics(fake.herald, { collectDefaultMetrics: false });
    const observer = fake.observer();
    observer.apiRequest?.({ app, method: 'post', path: '/apps/a/events', status: 200 });
    observer.apiRequest?.({ app, method: 'POST', path: '/apps/a/events', status: 200 });
    observer.apiRequest?.({ method: 'BREW', path: '/coffee', status: 404 });
    const families = parseExposition(await metrics.registry.metrics());
    expect(
      sampleValue(families, 'herald_api_requests_total', {
        app_id: 'a',
        method: 'POST',
        status: '200',
      }),
    ).toBe(2);
    expect(
      sampleValue(families, 'herald_api_requests_total', {
        app_id: '',
        method: 'OTHER',
        status: '404',
      }),
    ).toBe(1);
  });

  it('counts client errors with a null code under an empty code, and internal errors', async () => {
    const fake = fakeHerald();
    const metrics = createMetrics(fake.herald, { collectDefaultMetrics: false });
    fake.observer().clientError?.({ app, code: null, message: 'Internal server error' });
    fake.observer().internalError?.({ error: new Error('bug'), where: 'message' });
    fake.observer().internalError?.({ error: new Error('bug'), where: 'message' });
    const families = parseExposition(await metrics.registry.metrics());
    expect(sampleValue(families, 'herald_client_errors_total', { app_id: 'a', code: '' })).toBe(1);
    expect(sampleValue(families, 'herald_internal_errors_total')).toBe(2);
  });

  it('follows bus status reports and counts node removals on a cluster node', async () => {
    const fake = fakeHerald('node-1');
    const metrics = createMetrics(fake.herald, { collectDefaultMetrics: false });
    const busUp = async () =>
      sampleValue(parseExposition(await metrics.registry.metrics()), 'herald_bus_up');
    expect(await busUp()).toBe(1);
    fake.observer().busStatus?.({ status: 'down' });
    fake.observer().busStatus?.({ status: 'down' });
    expect(await busUp()).toBe(0);
    fake.observer().busStatus?.({ status: 'up' });
    expect(await busUp()).toBe(1);
    fake.observer().nodeRemoved?.({ nodeId: 'node-2' });
    expect(
      sampleValue(parseExposition(await metrics.registry.metrics()), 'herald_node_removals_total'),
    ).toBe(1);
  });

  it('ignores a webhook event count that is not a positive number instead of throwing', async () => {
    const fake = fakeHerald();
    const metrics = createMetrics(fake.herald, { collectDefaultMetrics: false });
    expect(() =>
      metrics.observeWebhook({ appId: 'a', outcome: 'failed', events: Number.NaN }),
    ).not.toThrow();
    const families = parseExposition(await metrics.registry.metrics());
    expect(sampleValue(families, 'herald_webhooks_total', { app_id: 'a', outcome: 'failed' })).toBe(
      1,
    );
    expect(
      sampleValue(families, 'herald_webhook_events_total', { app_id: 'a', outcome: 'failed' }),
    ).toBeUndefined();
  });

  it('removes its observer on close()', async () => {
    const fake = fakeHerald();
    const metrics = createMetrics(fake.herald, { collectDefaultMetrics: false });
    await metrics.close();
    await metrics.close();
    expect(fake.remove).toHaveBeenCalledTimes(1);
  });
});
