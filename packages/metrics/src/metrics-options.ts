// Options of createMetrics() and listen(), with their defaults in one frozen object.
import type { Registry } from 'prom-client';

/** Options for {@link createMetrics}. */
export interface MetricsOptions {
  /**
   * The prom-client registry to register Herald's metrics in, e.g. the one your app already
   * serves. `close()` removes only what `createMetrics` added to it.
   * @default a new `Registry` owned by these metrics
   */
  registry?: Registry;
  /**
   * Prepended to every metric name (`herald_connections`); `''` for none. Must itself be a valid
   * start of a Prometheus metric name.
   * @default 'herald_'
   */
  prefix?: string;
  /**
   * Also register prom-client's process metrics (CPU, memory, event loop lag, GC), with the same
   * prefix. Turn it off when the registry already has them.
   * @default true
   */
  collectDefaultMetrics?: boolean;
}

/** Options for `HeraldMetrics.listen()`. */
export interface MetricsListenOptions {
  /**
   * TCP port of the metrics server; `0` picks a free one (read it back from the handle).
   * @default 9090
   */
  port?: number;
  /**
   * Interface to listen on. Metrics stay private to the machine unless you say otherwise.
   * @default '127.0.0.1'
   */
  host?: string;
}

/** A running metrics server started by `HeraldMetrics.listen()`. */
export interface MetricsServer {
  readonly host: string;
  /** The bound port (the real one when `0` was asked for). */
  readonly port: number;
  /** Stops listening and closes idle keep-alive connections. Safe to call more than once. */
  close(): Promise<void>;
}

/** One webhook delivery attempt, as the webhooks module reports it. */
export interface WebhookOutcome {
  readonly appId: string;
  /** `sent`: accepted by the endpoint; `failed`: will be retried; `dead-letter`: given up. */
  readonly outcome: 'sent' | 'failed' | 'dead-letter';
  /** Events carried by the attempt (a Pusher webhook batches several). */
  readonly events: number;
}

/** Defaults of {@link MetricsOptions} and {@link MetricsListenOptions}. */
export const METRICS_DEFAULTS = Object.freeze({
  prefix: 'herald_',
  collectDefaultMetrics: true,
  port: 9090,
  host: '127.0.0.1',
});
