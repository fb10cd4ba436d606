// Options of createHerald(), with their defaults in one frozen object.
import type { App, AppConfig } from './apps/app';
import type { AppProvider } from './contracts/app-provider';
import type { Clock } from './contracts/clock';
import type { HeraldObserver } from './contracts/observer';
import type { ClusterBus } from './contracts/cluster-bus';
import type { ClusterOptions } from './cluster/cluster-options';
import type { HistoryStore } from './contracts/history-store';

/** Options for {@link createHerald}. */
export interface HeraldOptions {
  /** The apps to serve: a list (resolved with `defineApp`) or a provider. */
  apps: AppProvider | readonly (App | AppConfig)[];
  /**
   * Seconds of silence after which a client should ping; sent in `connection_established`. The
   * server pings a socket silent this long and closes it (4201) if no pong follows.
   * @default 30
   */
  activityTimeoutSeconds?: number;
  /**
   * How long the server waits for a pong after its own ping, in milliseconds.
   * @default 30000
   */
  pongTimeoutMs?: number;
  /**
   * Bytes a socket may have queued unsent before it counts as a slow consumer and is closed with
   * 4100 (reconnect with back-off).
   * @default 4194304
   */
  maxBufferedBytes?: number;
  /**
   * Error replies (`pusher:error` 4300, 4302 ...) one socket may earn within
   * `invalidMessageWindowMs` before it is closed with 4150. Client events dropped by the rate limit
   * (4301) do not count.
   * @default 50
   */
  maxInvalidMessages?: number;
  /**
   * The window `maxInvalidMessages` is counted in, in milliseconds.
   * @default 10000
   */
  invalidMessageWindowMs?: number;
  /**
   * Fan-out deliveries this node may have queued before the HTTP API refuses new publishes with
   * 503 and `Retry-After` (about two seconds of work for one core). Apps can have a lower bound
   * of their own (`limits.maxQueuedDeliveries`).
   * @default 200000
   */
  maxQueuedDeliveries?: number;
  /**
   * Event-loop lag, in milliseconds, past which the HTTP API refuses new publishes with 503 and
   * `Retry-After`: every request is waiting at least this long, so accepting more only grows the wait.
   * @default 1000
   */
  maxEventLoopLagMs?: number;
  /**
   * Deliveries done in one turn of the event loop; a larger fan-out continues after yielding, so
   * other sockets and HTTP requests are not starved.
   * @default 2048
   */
  fanoutChunkSize?: number;
  /**
   * Longest wait before subscribers learn a changed `subscription_count` (apps with
   * `subscriptionCount: true`); changes within the window share one update.
   * @default 1000
   */
  subscriptionCountThrottleMs?: number;
  /** Time source; tests pass a manual clock. @default the global timers */
  clock?: Clock;
  /**
   * A scaling plugin's bus (`createRedisScaling`, `createNatsScaling`) joining this node to others.
   * Without one, Herald runs as a single node.
   */
  scaling?: ClusterBus;
  /**
   * Where resumable channels (apps with `recovery`) keep their serials and recent events.
   * `false` turns recovery off for every app. Not yet with `scaling`: recovery is off on a
   * cluster, and passing a store there throws.
   * @default a `MemoryHistoryStore` on a single node, none with `scaling`
   */
  history?: HistoryStore | false;
  /** Cluster tuning; used only with `scaling`. */
  cluster?: ClusterOptions;
  /** Observers notified of connection, channel and error events. @default [] */
  observers?: readonly HeraldObserver[];
}

/** Defaults for every optional field of {@link HeraldOptions}. */
export const HERALD_DEFAULTS = Object.freeze({
  activityTimeoutSeconds: 30,
  pongTimeoutMs: 30_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxInvalidMessages: 50,
  invalidMessageWindowMs: 10_000,
  maxQueuedDeliveries: 200_000,
  maxEventLoopLagMs: 1000,
  fanoutChunkSize: 2048,
  subscriptionCountThrottleMs: 1000,
});
