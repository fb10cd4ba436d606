// createMetrics(): Prometheus metrics for one Herald node, read from herald.stats() and its observers.
import { collectDefaultMetrics, Registry, type RegistryContentType } from 'prom-client';
import type { Herald, HttpRequest, HttpResponse } from '@herald/protocol';
import { MetricName } from './metric-names';
import { MetricRegistrar } from './metric-registrar';
import { serveMetrics } from './metrics-endpoint';
import {
  METRICS_DEFAULTS,
  type MetricsListenOptions,
  type MetricsOptions,
  type MetricsServer,
  type WebhookOutcome,
} from './metrics-options';
import { startMetricsServer } from './metrics-server';
import { registerObserverMetrics } from './observer-metrics';
import { registerStatsMetrics } from './stats-metrics';
import { StatsReader } from './stats-reader';

/** Metric names may start with a letter, `_` or `:`; the prefix is the start of every name. */
const VALID_PREFIX = /^(?:[a-zA-Z_:][a-zA-Z0-9_:]*)?$/;

/** What {@link createMetrics} reads from Herald: a `Herald` from `createHerald` or `createNodeServer`. */
export type MetricsSource = Pick<Herald, 'observe' | 'stats' | 'nodeId'>;

/** Prometheus metrics of one Herald node. Create it with {@link createMetrics}. */
export interface HeraldMetrics {
  /** The registry holding Herald's metrics: the one passed in, or one of its own. */
  readonly registry: Registry<RegistryContentType>;
  /**
   * Answers `GET /metrics` (exposition text, the registry's content type) and `GET /metrics.json`;
   * resolves `undefined` for any other path so an adapter can fall through to the Pusher API.
   * Never rejects.
   */
  handle(request: HttpRequest): Promise<HttpResponse | undefined>;
  /** Serves the two metrics paths on a node:http server of their own, apart from Herald's port. */
  listen(options?: MetricsListenOptions): Promise<MetricsServer>;
  /** Counts one webhook delivery attempt; the webhooks module calls it per outcome. O(1). */
  observeWebhook(e: WebhookOutcome): void;
  /**
   * Stops observing Herald, removes these metrics from the registry and closes every server
   * `listen()` started. Safe to call more than once.
   */
  close(): Promise<void>;
}

/**
 * Exposes a Herald node's state to Prometheus through prom-client. Gauges (connections,
 * channels, subscriptions, presence members, pending fan-outs) and traffic counters are read
 * from `herald.stats()` at scrape time; events (connections opened and rejected, API requests,
 * errors, drops, webhooks) are counted by an observer whose hooks are O(1).
 *
 * @example Scrape port apart from the public one
 * ```ts
 * const node = createNodeServer({ apps, port: 6001 });
 * const metrics = createMetrics(node.herald);
 * await metrics.listen({ port: 9090 }); // http://127.0.0.1:9090/metrics
 * ```
 * @example Serving /metrics from your own handler
 * ```ts
 * const response = await metrics.handle({ method: 'GET', path: '/metrics', query: '', headers: {}, body: '' });
 * ```
 * @see docs/metrics.md for every metric, its type and labels.
 */
export function createMetrics(herald: MetricsSource, options: MetricsOptions = {}): HeraldMetrics {
  const prefix = options.prefix ?? METRICS_DEFAULTS.prefix;
  if (typeof prefix !== 'string' || !VALID_PREFIX.test(prefix)) {
    throw new TypeError(
      `prefix ${JSON.stringify(prefix)} is not a valid metric name start: use letters, digits, '_' and ':', not starting with a digit (e.g. 'herald_')`,
    );
  }
  const registry: Registry<RegistryContentType> = options.registry ?? new Registry();
  if (registry.getSingleMetric(prefix + MetricName.Connections) !== undefined) {
    throw new TypeError(
      `this registry already holds Herald metrics with prefix '${prefix}': close() the other HeraldMetrics first, or pass another prefix`,
    );
  }

  const isClustered = herald.nodeId !== undefined;
  const metrics = new MetricRegistrar(registry, prefix);
  registerStatsMetrics(metrics, new StatsReader(herald), isClustered);
  const events = registerObserverMetrics(metrics, isClustered);
  const { names } = metrics;
  if (options.collectDefaultMetrics ?? METRICS_DEFAULTS.collectDefaultMetrics) {
    // Diff the registry to learn which process metrics were added, so close() removes exactly those.
    const before = new Set(registry.getMetricsAsArray().map((metric) => metric.name));
    collectDefaultMetrics<RegistryContentType>({ register: registry, prefix });
    for (const metric of registry.getMetricsAsArray())
      if (!before.has(metric.name)) names.push(metric.name);
  }

  const unobserve = herald.observe(events.observer);
  const servers = new Set<MetricsServer>();
  let closing: Promise<void> | undefined;

  const handle = (request: HttpRequest): Promise<HttpResponse | undefined> =>
    serveMetrics(registry, request);

  return {
    registry,
    handle,
    async listen(listenOptions) {
      if (closing)
        throw new TypeError('listen() after close(): create new metrics with createMetrics()');
      const server = await startMetricsServer(handle, listenOptions);
      servers.add(server);
      return server;
    },
    observeWebhook: events.observeWebhook,
    close() {
      closing ??= (async () => {
        unobserve();
        for (const name of names) registry.removeSingleMetric(name);
        await Promise.all([...servers].map((server) => server.close()));
      })();
      return closing;
    },
  };
}
