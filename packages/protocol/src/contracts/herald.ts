// Herald: what createHerald() returns, the whole surface adapters and embedders use.
import type { ConnectionHandler } from './connection-handler';
import type { HttpApi } from './http-api';
import type { HeraldObserver } from './observer';

/** A running protocol core. Adapters drive `connections` and `http`; embedders use the rest. */
export interface Herald {
  readonly connections: ConnectionHandler;
  readonly http: HttpApi;
  /** Adds an observer; returns a function that removes it. */
  observe(observer: HeraldObserver): () => void;
  /** Number of open connections on this node, across apps. */
  readonly connectionCount: number;
  /**
   * Closes every connection with `code` (default 4200, reconnect now) and stops timers.
   * Resolves when every socket was told to close.
   */
  close(code?: number, reason?: string): Promise<void>;
}
