// Options of createBunServer(): the core's options plus where to listen and the app's own handler.
import type { HeraldOptions, HttpFallbackOptions } from '@herald/protocol';
import type { BunServerHandle } from './bun-types';

/** Options for {@link createBunServer}. */
export interface BunServerOptions extends HeraldOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** `0` picks a free port. @default 8080 */
  port?: number;
  /**
   * Serve `wss://` and `https://` directly with this PEM certificate and key (Bun.serve's `tls`).
   * Without it the server speaks plain `ws://` and `http://`.
   */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * The app's own handler for every request that is not Herald's (`/app/{key}`, `/apps/...`, `/up`,
   * `/ready`, `/pusher/app/...`), so Herald and the app share one Bun.serve. Without it, other paths
   * answer 404.
   */
  fetch?: (request: Request, server: BunServerHandle) => Response | Promise<Response>;
  /**
   * On `close()`, spread the 4200 closes over this window with jitter.
   * @default 0
   */
  drainWindowMs?: number;
  /**
   * On `close()`, how long clients get to answer the close frame before their sockets are dropped.
   * @default 5000
   */
  closeTimeoutMs?: number;
  /**
   * Bytes of HTTP API request bodies held at once, across every request; a request that does not
   * fit (its declared length, or its app's `limits.maxRequestBodyBytes` when it declares none) is
   * answered 503 with `Retry-After`.
   * @default 33554432
   */
  maxInFlightBodyBytes?: number;
  /**
   * pusher-js's HTTP fallback transports (`xhr_streaming`, `xhr_polling`) under `httpPath`
   * (`/pusher` by default), for clients whose network blocks WebSockets; `false` turns them off.
   * @see docs/protocol.md, "HTTP fallback transports"
   * @default {}
   */
  httpFallback?: HttpFallbackOptions | false;
}

/** Defaults for the transport fields of {@link BunServerOptions}. */
export const BUN_SERVER_DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 8080,
  drainWindowMs: 0,
  closeTimeoutMs: 5000,
  maxInFlightBodyBytes: 32 * 1024 * 1024,
});
