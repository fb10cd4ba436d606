// Herald: what createHerald() returns, the whole surface adapters and embedders use.
import type { ConnectionHandler } from './connection-handler';
import type { HttpApi } from './http-api';
import type { HeraldObserver } from './observer';
import type { HeraldStats } from './stats';
import type { DrainOptions } from '../connections/drain';
import type { HeraldApi } from '../server-api/server-api';
import type { EventMap } from '../server-api/server-api-types';

/**
 * A running protocol core. Adapters drive `connections` and `http`; embedders use the rest.
 * `Events` types the data of `api.trigger` per event name.
 */
export interface Herald<Events extends EventMap = EventMap> {
  /**
   * Resolves when the core is ready to serve: at once on a single node, after the bus
   * subscriptions are active with a scaling plugin. Adapters await it before listening.
   */
  readonly ready: Promise<void>;
  /** This node's id on the scaling bus, or `undefined` on a single node. */
  readonly nodeId: string | undefined;
  /** Other nodes this one currently hears from (0 on a single node). */
  readonly peerCount: number;
  readonly connections: ConnectionHandler;
  readonly http: HttpApi;
  /**
   * The server API in-process: what the HTTP API does, as method calls, cluster-wide. Speaks for
   * the only app of a static `apps` list; `api.forApp(id)` for a server of several apps.
   */
  readonly api: HeraldApi<Events>;
  /** Adds an observer; returns a function that removes it. */
  observe(observer: HeraldObserver): () => void;
  /** A snapshot of this node's gauges and counters per app (for metrics; O(channels)). */
  stats(): HeraldStats;
  /** Number of open connections on this node, across apps. */
  readonly connectionCount: number;
  /** True once `drain` or `close` started: new connections are refused, `/ready` answers 503. */
  readonly isDraining: boolean;
  /**
   * Starts a graceful drain: refuses new connections, answers `/ready` with 503, and closes every
   * socket with 4200 spread over `windowMs` with jitter. Resolves when the last socket was told to close.
   */
  drain(options?: DrainOptions): Promise<void>;
  /**
   * Closes every connection with `code` (default 4200, reconnect now) and stops timers.
   * Resolves when every socket was told to close.
   */
  close(code?: number, reason?: string): Promise<void>;
}
