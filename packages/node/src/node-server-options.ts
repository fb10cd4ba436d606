// Options of createNodeServer(): the core's options plus where and how to listen.
import type { Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type {
  HeraldOptions,
  HttpFallbackOptions,
  HttpRequest,
  HttpResponse,
} from '@herald/protocol';

/**
 * Extra HTTP paths served next to the Pusher API on the same port (e.g. `/metrics` from
 * @herald/metrics). Paths are matched exactly, before the API; a `handle` answering `undefined`
 * gets a 404.
 */
export interface HttpRoute {
  readonly paths: readonly string[];
  handle(request: HttpRequest): Promise<HttpResponse | undefined>;
}

/** Options for {@link createNodeServer}: everything {@link HeraldOptions} takes, plus the transport. */
export interface NodeServerOptions extends HeraldOptions {
  /**
   * Interface to listen on. The embed default keeps Herald private to the machine; the `herald`
   * CLI listens on `0.0.0.0` unless told otherwise.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * TCP port; `0` picks a free one (read it back from `listen()` or `address()`).
   * @default 8080
   */
  port?: number;
  /**
   * An existing server to attach to instead of creating one. Herald then answers only its own
   * paths (`/app/{key}` upgrades, `/apps/...`, `/up`, `/ready` and the HTTP fallback's
   * `/pusher/app/...`) and passes everything else to the server's other listeners.
   */
  server?: Server | HttpsServer;
  /**
   * Largest WebSocket message ws reads before closing with 1009. Keep it above every app's
   * `limits.maxMessageBytes`, so an oversized message reaches the core and gets Herald's own
   * error (4303) instead of a bare transport close; by default it is at least twice the largest
   * limit of the apps given as a list.
   * @default 1048576
   */
  maxPayloadBytes?: number;
  /**
   * On `close()`, how long clients get to answer the close frame before their sockets are
   * dropped, in milliseconds.
   * @default 5000
   */
  closeTimeoutMs?: number;
  /**
   * On `close()`, spread the 4200 closes over this many milliseconds with jitter (`herald.drain`),
   * so a fleet restart does not send every client back at the same moment. `/ready` answers 503
   * meanwhile and new connections are refused.
   * @default 0
   */
  drainWindowMs?: number;
  /**
   * Serve `wss://` and `https://` directly from a certificate and key (PEM), for small deployments
   * without a TLS-terminating proxy. Ignored when `server` is given (that server decides).
   */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Bytes of HTTP API request bodies held at once, across every request: each request reserves
   * its declared length (or its app's `limits.maxRequestBodyBytes` when it declares none) before
   * its body is read, and one that does not fit is answered 503 with `Retry-After`.
   * @default 33554432
   */
  maxInFlightBodyBytes?: number;
  /** Extra paths served on the same port, before the API. @default [] */
  routes?: readonly HttpRoute[];
  /**
   * pusher-js's HTTP fallback transports (`xhr_streaming`, `xhr_polling`) under `httpPath`
   * (`/pusher` by default), for clients whose network blocks WebSockets; `false` turns them off.
   * @see docs/protocol.md, "HTTP fallback transports"
   * @default {}
   */
  httpFallback?: HttpFallbackOptions | false;
}

/** Defaults for the transport fields of {@link NodeServerOptions}. */
export const NODE_SERVER_DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 8080,
  maxPayloadBytes: 1024 * 1024,
  closeTimeoutMs: 5000,
  drainWindowMs: 0,
  maxInFlightBodyBytes: 32 * 1024 * 1024,
});

/** Where a {@link NodeServer} listens. */
export interface NodeServerAddress {
  readonly host: string;
  readonly port: number;
}
