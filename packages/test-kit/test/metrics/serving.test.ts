// The metrics paths: handle() for embedding, listen() over real HTTP, the JSON form and close().
import { Gauge, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics, MetricsPath } from '@herald/metrics';
import { parseExposition, sampleValue } from '../../../metrics/test/exposition';
import { APP, start, subscribe, type Started } from './support';

let started: Started | undefined;

afterEach(async () => {
  await started?.stop();
  started = undefined;
});

const get = (path: string, method = 'GET') => ({ method, path, query: '', headers: {}, body: '' });

describe('HeraldMetrics.handle', () => {
  it('answers GET /metrics with the registry content type and valid exposition, process metrics included', async () => {
    started = await start({ metrics: { collectDefaultMetrics: true } });
    await subscribe(await started.client(), 'orders');
    const response = await started.metrics.handle(get(MetricsPath.Text));
    expect(response?.status).toBe(200);
    expect(response?.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    // parseExposition throws on a sample without HELP/TYPE, a bad label or a repeated series.
    const families = parseExposition(response!.body);
    expect(sampleValue(families, 'herald_connections', { app_id: APP.id })).toBe(1);
    expect(families.get('herald_process_cpu_seconds_total')?.type).toBe('counter');
    for (const family of families.values()) {
      expect(family.name.startsWith('herald_'), family.name).toBe(true);
      expect(family.help, family.name).not.toBe('');
    }
    expect(families.get('herald_connections')?.type).toBe('gauge');
    expect(families.get('herald_ws_messages_sent_total')?.type).toBe('counter');
  });

  it('answers GET /metrics.json with the samples as JSON', async () => {
    started = await start();
    await started.client();
    const response = await started.metrics.handle(get(MetricsPath.Json));
    expect(response?.status).toBe(200);
    expect(response?.headers['content-type']).toBe('application/json; charset=utf-8');
    const metrics = JSON.parse(response!.body) as Array<{
      name: string;
      type: string;
      values: unknown[];
    }>;
    const connections = metrics.find((metric) => metric.name === 'herald_connections');
    expect(connections).toMatchObject({
      type: 'gauge',
      values: [{ labels: { app_id: APP.id }, value: 1 }],
    });
  });

  it('resolves undefined for other paths, so an adapter falls through to the Pusher API', async () => {
    started = await start();
    expect(await started.metrics.handle(get(`/apps/${APP.id}/events`, 'POST'))).toBeUndefined();
    expect(await started.metrics.handle(get('/metrics/'))).toBeUndefined();
    expect(await started.metrics.handle(get('/up'))).toBeUndefined();
  });

  it('answers 405 to a method other than GET or HEAD on its paths', async () => {
    started = await start();
    const response = await started.metrics.handle(get(MetricsPath.Text, 'POST'));
    expect(response?.status).toBe(405);
    expect(response?.headers.allow).toBe('GET, HEAD');
    expect(JSON.parse(response!.body)).toHaveProperty('error');
  });
});

describe('HeraldMetrics.listen', () => {
  it('serves /metrics and /metrics.json on a port of its own, and 404 elsewhere', async () => {
    started = await start();
    await started.client();
    const server = await started.metrics.listen({ host: '127.0.0.1', port: 0 });
    expect(server.port).not.toBe(started.port);
    const base = `http://127.0.0.1:${server.port}`;

    const text = await fetch(`${base}/metrics`);
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe(started.metrics.registry.contentType);
    expect(
      sampleValue(parseExposition(await text.text()), 'herald_connections', { app_id: APP.id }),
    ).toBe(1);

    const json = await fetch(`${base}/metrics.json`);
    expect(json.status).toBe(200);
    expect((await json.json()) as unknown[]).toContainEqual(
      expect.objectContaining({ name: 'herald_connections' }),
    );

    const other = await fetch(`${base}/apps/${APP.id}/events`);
    expect(other.status).toBe(404);
    await other.text();
  });

  it('stops serving when the metrics close', async () => {
    started = await start();
    const server = await started.metrics.listen({ host: '127.0.0.1', port: 0 });
    await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    await started.metrics.close();
    await expect(fetch(`http://127.0.0.1:${server.port}/metrics`)).rejects.toThrow();
  });

  it('refuses a port that is not one, with the fix in the message', async () => {
    started = await start();
    await expect(started.metrics.listen({ port: -1 })).rejects.toThrow(TypeError);
  });
});

describe('HeraldMetrics.close', () => {
  it('stops observing and removes exactly its metrics from a shared registry', async () => {
    const registry = new Registry();
    registry.registerMetric(
      new Gauge({ name: 'app_queue_depth', help: 'The app’s own.', registers: [] }),
    );
    started = await start({ metrics: { registry, collectDefaultMetrics: true } });
    expect(registry.getSingleMetric('herald_connections')).toBeDefined();
    expect(() => createMetrics(started!.node.herald, { registry })).toThrow(
      /already holds Herald metrics/,
    );

    await started.metrics.close();
    expect(registry.getMetricsAsArray().map((metric) => metric.name)).toEqual(['app_queue_depth']);

    // Closed metrics leave room for new ones on the same registry, and these count from now on.
    const again = createMetrics(started.node.herald, { registry, collectDefaultMetrics: false });
    await started.client();
    const families = parseExposition(await registry.metrics());
    expect(
      sampleValue(families, 'herald_connections_opened_total', { app_id: APP.id, transport: 'ws' }),
    ).toBe(1);
    await again.close();
  });

  it('rejects a prefix that cannot start a metric name', async () => {
    started = await start();
    expect(() => createMetrics(started!.node.herald, { prefix: '9lives_' })).toThrow(TypeError);
    expect(() => createMetrics(started!.node.herald, { prefix: 'my-app_' })).toThrow(
      /letters, digits/,
    );
  });
});
