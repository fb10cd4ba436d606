// createBunServer(): Herald on Bun.serve — WebSocket connections and the HTTP API on one port.
import {
  BodyBudget,
  createHerald,
  ErrorCode,
  OVERLOAD_RETRY_AFTER_SECONDS,
  type EventMap,
  type Herald,
  type HeraldApi,
  type HttpAdmission,
  type HttpResponse,
} from '@herald/protocol';
import { bunHttpFallback, serveFallback } from './bun-fallback';
import { BunSocket } from './bun-socket';
import { BUN_SERVER_DEFAULTS, type BunServerOptions } from './bun-server-options';
import {
  bunRuntime,
  type BunServerHandle,
  type BunWebSocketHandlers,
  type SocketData,
} from './bun-types';
import { readCapped, toResponse } from './bun-http';

const API_PREFIX = '/apps/';
const HEALTH_PATHS = new Set(['/up', '/up/', '/ready', '/ready/']);

/** A Herald server on Bun. */
export interface BunServer<Events extends EventMap = EventMap> {
  readonly herald: Herald<Events>;
  /**
   * The server API in-process (`herald.api`): trigger events, query channels and presence, sign
   * channel auth, cluster-wide and with the HTTP API's limits, without signing HTTP requests.
   */
  readonly api: HeraldApi<Events>;
  /** Starts Bun.serve (after the core is ready); resolves where it listens. */
  listen(): Promise<{ host: string; port: number }>;
  /** Stops accepting, closes every socket with 4200 (over `drainWindowMs`), stops the server. */
  close(): Promise<void>;
  /** The request handler, for spreading into your own `Bun.serve({ fetch, websocket })`. */
  readonly fetch: (request: Request, server: BunServerHandle) => Promise<Response | undefined>;
  /** The WebSocket handlers to pass with `fetch`. */
  readonly websocket: BunWebSocketHandlers;
}

/**
 * Creates Herald on Bun. Either `await createBunServer(options).listen()`, or embed it:
 * `Bun.serve({ fetch: herald.fetch, websocket: herald.websocket })` with `options.fetch` as your
 * app's handler for everything that is not Herald's.
 *
 * @example
 * ```ts
 * const herald = createBunServer({ apps: [{ id: '1', key: 'key', secret: 'secret' }], port: 6001 });
 * await herald.listen();
 * await herald.api.trigger('orders', 'order.shipped', { id: '42' }); // no HTTP round trip
 * ```
 */
export function createBunServer<Events extends EventMap = EventMap>(
  options: BunServerOptions,
): BunServer<Events> {
  const {
    host,
    port,
    tls,
    fetch: appFetch,
    drainWindowMs,
    closeTimeoutMs,
    maxInFlightBodyBytes,
    httpFallback: fallbackSettings,
    ...heraldOptions
  } = options;
  const herald = createHerald(heraldOptions);
  const fallback =
    fallbackSettings === false
      ? undefined
      : bunHttpFallback(herald, heraldOptions, fallbackSettings);
  const bodyBudget = new BodyBudget(
    maxInFlightBodyBytes ?? BUN_SERVER_DEFAULTS.maxInFlightBodyBytes,
  );
  const sockets = new Set<BunSocket>();
  let server: BunServerHandle | undefined;
  let isClosing = false;

  const websocket: BunWebSocketHandlers = {
    // Herald answers oversized messages itself (4303); Bun's own limit sits well above the apps'.
    maxPayloadLength: 1024 * 1024,
    // Pre-encoded broadcast bytes are sent as they are; per-socket compression would redo them.
    perMessageDeflate: false,
    // The core pings at the protocol level, as pusher-js expects.
    sendPings: false,
    // Liveness is the core's (activityTimeoutSeconds, pongTimeoutMs), as on Node. Bun's own idle
    // timeout (120 s by default) would drop a silent socket with 1006 before a longer activity
    // timeout pings it.
    idleTimeout: 0,
    open(ws) {
      const socket = new BunSocket(ws, herald.connections);
      ws.data.socket = socket;
      sockets.add(socket);
      socket.conn = herald.connections.open(socket, ws.data.request);
    },
    message(ws, message) {
      const socket = ws.data.socket as BunSocket | undefined;
      if (!socket?.conn) return;
      if (typeof message === 'string') herald.connections.message(socket.conn, message);
      else herald.connections.binary(socket.conn);
    },
    pong(ws) {
      const socket = ws.data.socket as BunSocket | undefined;
      if (socket?.conn) herald.connections.pong(socket.conn);
    },
    close(ws, code) {
      const socket = ws.data.socket as BunSocket | undefined;
      if (!socket) return;
      sockets.delete(socket);
      socket.release(code);
    },
  };

  const fetch = async (request: Request, bun: BunServerHandle): Promise<Response | undefined> => {
    const url = new URL(request.url);
    const isUpgrade = request.headers.get('upgrade')?.toLowerCase() === 'websocket';
    if (isUpgrade && (url.pathname.startsWith('/app/') || !appFetch)) {
      if (isClosing) return jsonResponse(503, { error: 'Herald is shutting down' });
      const data: SocketData = {
        request: {
          path: url.pathname,
          query: url.search.slice(1),
          headers: Object.fromEntries(request.headers),
          remoteAddress: bun.requestIP(request)?.address ?? '',
        },
      };
      // A wrong path still upgrades: the core answers it with 4005, as pusher-js expects.
      if (bun.upgrade(request, { data })) return undefined;
      return jsonResponse(400, { error: 'WebSocket upgrade failed' });
    }
    if (fallback?.matches(url.pathname) === true)
      return serveFallback(
        fallback,
        request,
        url,
        bun.requestIP(request)?.address ?? '',
        bodyBudget,
      );
    if (url.pathname.startsWith(API_PREFIX) || HEALTH_PATHS.has(url.pathname)) {
      if (isClosing && !HEALTH_PATHS.has(url.pathname))
        return jsonResponse(503, { error: 'Herald is shutting down' });
      return serveApi(herald, request, url, bodyBudget);
    }
    if (appFetch) return appFetch(request, bun);
    return jsonResponse(404, { error: 'Not found: the HTTP API is served under /apps/{id}' });
  };

  // The events map only types the caller's view; the core underneath is the same for any map.
  const typed = herald as unknown as Herald<Events>;
  return {
    herald: typed,
    api: typed.api,
    fetch,
    websocket,
    async listen() {
      await herald.ready;
      server = bunRuntime().serve({
        hostname: host ?? BUN_SERVER_DEFAULTS.host,
        port: port ?? BUN_SERVER_DEFAULTS.port,
        ...(tls ? { tls } : {}),
        fetch,
        websocket,
      });
      return { host: server.hostname, port: server.port };
    },
    async close() {
      if (isClosing) return;
      isClosing = true;
      const windowMs = drainWindowMs ?? BUN_SERVER_DEFAULTS.drainWindowMs;
      if (windowMs > 0) await herald.drain({ windowMs });
      await herald.close(ErrorCode.ReconnectNow);
      // Give clients the close frames before the sockets are dropped (and the process may exit).
      await untilEmpty(sockets, closeTimeoutMs ?? BUN_SERVER_DEFAULTS.closeTimeoutMs);
      await server?.stop(true);
    },
  };
}

/**
 * The core admits the request head (route, app, signature, declared length, load) before a byte
 * of the body is read; the body's bytes are reserved from `budget` while it is held.
 */
async function serveApi(
  herald: Herald,
  request: Request,
  url: URL,
  budget: BodyBudget,
): Promise<Response> {
  let admission: HttpAdmission;
  try {
    admission = await herald.http.admit({
      method: request.method,
      path: url.pathname,
      query: url.search.slice(1),
      headers: Object.fromEntries(request.headers),
    });
  } catch {
    admission = { response: INTERNAL_ERROR };
  }
  if ('response' in admission) return toResponse(admission.response);
  const max = admission.maxBodyBytes;
  const declared = Number(request.headers.get('content-length') ?? NaN);
  const reserved = Number.isFinite(declared) ? Math.min(declared, max) : max;
  if (!budget.tryReserve(reserved)) {
    return jsonResponse(
      503,
      {
        error: `Herald is holding ${budget.inFlightBytes} bytes of request bodies, its limit; retry shortly`,
      },
      { 'retry-after': String(OVERLOAD_RETRY_AFTER_SECONDS) },
    );
  }
  try {
    const body = await readCapped(request, max);
    if (body === undefined)
      return jsonResponse(413, { error: `Request body is larger than ${max} bytes` });
    try {
      return toResponse(await admission.handle(body));
    } catch {
      return toResponse(INTERNAL_ERROR);
    }
  } finally {
    budget.release(reserved);
  }
}

// The seam promises never to reject; if it does anyway, the client still gets an answer.
const INTERNAL_ERROR: HttpResponse = {
  status: 500,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ error: 'Internal server error' }),
};

async function untilEmpty(sockets: Set<BunSocket>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (sockets.size > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 10));
}

function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
