// createNodeServer(): Herald on node:http + ws, one port for WebSocket connections and the HTTP API.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import {
  BodyBudget,
  createHerald,
  ErrorCode,
  type Herald,
  type HeraldOptions,
  type HttpApi,
  type HttpRequest,
  type HttpResponse,
  type EventMap,
  type HeraldApi,
} from '@herald/protocol';
import WebSocket, { WebSocketServer } from 'ws';
import { headersOf, jsonError, serveHttp, splitTarget, writeResponse } from './http-bridge';
import {
  NODE_SERVER_DEFAULTS,
  type NodeServerAddress,
  type NodeServerOptions,
  type HttpRoute,
} from './node-server-options';
import { nodeHttpFallback, serveFallback } from './http-fallback/serve-fallback';
import { hookOwnServer, hookSharedServer, rejectUpgrade, type AnyHttpServer } from './server-hooks';
import { WsSocket } from './ws-socket';

/** WebSocket connections: `/app/{key}?protocol=7`. */
const APP_PATH_PREFIX = '/app/';
/** The Pusher HTTP API: `/apps/{id}/events`, `/apps/{id}/channels` ... */
const API_PATH_PREFIX = '/apps/';
/** Liveness (`/up`) and readiness (`/ready`, 503 while draining), answered by the core. */
const HEALTH_PATHS = new Set(['/up', '/up/', '/ready', '/ready/']);

/** A Herald server on Node. Create it with {@link createNodeServer}. */
export interface NodeServer<Events extends EventMap = EventMap> {
  /** The protocol core: observe it, count connections, or drive it directly. */
  readonly herald: Herald<Events>;
  /**
   * The server API in-process (`herald.api`): trigger events, query channels and presence, sign
   * channel auth, cluster-wide and with the HTTP API's limits, without signing HTTP requests.
   */
  readonly api: HeraldApi<Events>;
  /** The node:http server in use: the one passed as `server`, or Herald's own. */
  readonly server: AnyHttpServer;
  /** Starts listening on `host:port` unless the server already listens; resolves its address. */
  listen(): Promise<NodeServerAddress>;
  /**
   * Drains, then stops: new WebSocket upgrades get HTTP 503 and API requests 503 while `/up` stays
   * 200 and `/ready` answers 503; every connection is closed with 4200 (clients reconnect at once)
   * over `drainWindowMs`, and clients get up to `closeTimeoutMs` to go. Then Herald's own server
   * stops listening; an attached server stays open with its listeners restored. Safe to call more
   * than once.
   */
  close(): Promise<void>;
  /**
   * Serves `req` if it is Herald's (`/apps/...`, `/up`, `/ready`, `/pusher/app/...`) and returns
   * whether it took it; use it to mount Herald inside a framework's handler
   * (`herald.handleRequest(req, res) || next()`).
   */
  readonly handleRequest: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Accepts the upgrade if it targets `/app/{key}`; returns whether it took the socket. */
  readonly handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
  /** Where the server listens, or `undefined` before `listen()`. */
  address(): NodeServerAddress | undefined;
}

/**
 * Creates Herald on Node: WebSocket connections on `/app/{key}` and the Pusher HTTP API on
 * `/apps/...`, on one port. Pass `server` to share an existing node:http server with an app.
 *
 * @example Standalone
 * ```ts
 * const herald = createNodeServer({ apps: [{ id: '1', key: 'key', secret: 'secret' }], port: 6001 });
 * const { host, port } = await herald.listen();
 * await herald.api.trigger('orders', 'order.shipped', { id: '42' }); // no HTTP round trip
 * ```
 * @example Beside an app's own routes
 * ```ts
 * const server = http.createServer(app); // the app's handler is registered first
 * const herald = createNodeServer({ apps, server });
 * server.listen(3000); // /app/{key}, /apps/... and /up are Herald's, the rest is the app's
 * ```
 */
export function createNodeServer<Events extends EventMap = EventMap>(
  options: NodeServerOptions,
): NodeServer<Events> {
  const {
    host,
    port,
    server: shared,
    maxPayloadBytes,
    closeTimeoutMs,
    drainWindowMs,
    tls,
    routes: extraRouteList = [],
    maxInFlightBodyBytes,
    httpFallback: fallbackSettings,
    ...heraldOptions
  } = options;
  const bodyBudget = new BodyBudget(
    maxInFlightBodyBytes ?? NODE_SERVER_DEFAULTS.maxInFlightBodyBytes,
  );
  const herald = createHerald(heraldOptions);
  const fallback =
    fallbackSettings === false
      ? undefined
      : nodeHttpFallback(herald, heraldOptions, fallbackSettings);
  const server: AnyHttpServer =
    shared ?? (tls ? createHttpsServer({ cert: tls.cert, key: tls.key }) : createServer());
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({
    noServer: true,
    // Pre-framed broadcast bytes are only valid uncompressed (see ws-frame.ts).
    perMessageDeflate: false,
    // Herald tracks its sockets itself, and the core tracks connections.
    clientTracking: false,
    maxPayload: maxPayloadBytes ?? defaultMaxPayload(heraldOptions.apps),
  });
  let isClosing = false;
  let closing: Promise<void> | undefined;

  const extraRoutes = routeTable(extraRouteList);

  const handleRequest = (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = splitTarget(req.url).path;
    const extra = extraRoutes.get(path);
    if (extra !== undefined) {
      serveHttp(extra, req, res, bodyBudget).catch(() => res.destroy());
      return true;
    }
    if (fallback?.matches(path) === true) {
      serveFallback(fallback, req, res, bodyBudget).catch(() => res.destroy());
      return true;
    }
    if (!isApiPath(path)) return false;
    // Probes keep their answers through the drain (/up 200, /ready 503 from the core), so a load
    // balancer sees the node leave rather than connection refused; the API itself is refused.
    if (isClosing && !HEALTH_PATHS.has(path)) {
      writeResponse(res, jsonError(503, 'Herald is shutting down'));
      return true;
    }
    serveHttp(herald.http, req, res, bodyBudget).catch(() => res.destroy());
    return true;
  };

  const acceptUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const { path, query } = splitTarget(req.url);
    // HTTP 503 rather than an accepted socket closed with 4200: pusher-js retries a failed
    // handshake with back-off, where a 4200 would bring it straight back to this draining node.
    if (isClosing) {
      rejectUpgrade(socket, 503, 'Herald is shutting down');
      return true;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.once('close', () => sockets.delete(ws));
      const request = {
        path,
        query,
        headers: headersOf(req.headers),
        remoteAddress: req.socket.remoteAddress ?? '',
      };
      WsSocket.accept(ws, request, herald.connections);
    });
    return true;
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean =>
    splitTarget(req.url).path.startsWith(APP_PATH_PREFIX) && acceptUpgrade(req, socket, head);

  // On its own server Herald accepts every upgrade, so a wrong path gets the protocol's 4005
  // from the core (pusher-js understands that) instead of a bare HTTP error.
  const routes = { handleRequest, handleUpgrade, acceptUpgrade };
  const unhook =
    shared === undefined ? hookOwnServer(server, routes) : hookSharedServer(server, routes);

  function address(): NodeServerAddress | undefined {
    const bound = server.address();
    if (bound === null || typeof bound === 'string') return undefined;
    return { host: bound.address, port: bound.port };
  }

  async function listen(): Promise<NodeServerAddress> {
    // With a scaling plugin, serve only once the bus subscriptions are active.
    await herald.ready;
    if (!server.listening) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port ?? NODE_SERVER_DEFAULTS.port, host ?? NODE_SERVER_DEFAULTS.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    }
    const bound = address();
    if (bound === undefined) throw new TypeError('Herald cannot listen on a pipe; give a TCP port');
    return bound;
  }

  async function shutDown(): Promise<void> {
    isClosing = true;
    // The listener stays open until the sockets are gone: the drain is when probes matter most.
    const windowMs = drainWindowMs ?? NODE_SERVER_DEFAULTS.drainWindowMs;
    if (windowMs > 0) await herald.drain({ windowMs });
    await herald.close(ErrorCode.ReconnectNow);
    // Sockets whose app was still being resolved may not be known to the core yet.
    for (const ws of sockets) {
      if (ws.readyState === WebSocket.OPEN)
        ws.close(ErrorCode.ReconnectNow, 'Server shutting down');
    }
    await drain(sockets, closeTimeoutMs ?? NODE_SERVER_DEFAULTS.closeTimeoutMs);
    // Still hooked while the listener closes, so a request already on a connection is answered.
    if (shared === undefined) await stopListening(server);
    unhook();
  }

  // The events map only types the caller's view; the core underneath is the same for any map.
  const typed = herald as unknown as Herald<Events>;
  return {
    herald: typed,
    api: typed.api,
    server,
    listen,
    close: () => (closing ??= shutDown()),
    handleRequest,
    handleUpgrade,
    address,
  };
}

/** Extra routes' requests are small (a scrape), hence the small body cap. */
const EXTRA_ROUTE_MAX_BODY_BYTES = 64 * 1024;

/** Extra routes as HttpApis by path. */
function routeTable(routes: readonly HttpRoute[]): Map<string, HttpApi> {
  const table = new Map<string, HttpApi>();
  for (const route of routes) {
    const handle = async (request: HttpRequest): Promise<HttpResponse> =>
      (await route.handle(request)) ?? jsonError(404, `Not found: ${request.path}`);
    const api: HttpApi = {
      maxBodyBytes: EXTRA_ROUTE_MAX_BODY_BYTES,
      handle,
      admit: (head) =>
        Promise.resolve({
          maxBodyBytes: EXTRA_ROUTE_MAX_BODY_BYTES,
          handle: (body) => handle({ ...head, body }),
        }),
    };
    for (const path of route.paths) table.set(path, api);
  }
  return table;
}

function isApiPath(path: string): boolean {
  return path.startsWith(API_PATH_PREFIX) || HEALTH_PATHS.has(path);
}

/** At least twice the largest per-app message limit, so the core sees oversized messages. */
function defaultMaxPayload(apps: HeraldOptions['apps']): number {
  let largest = 0;
  if (!('findByKey' in apps)) {
    for (const app of apps) largest = Math.max(largest, app.limits?.maxMessageBytes ?? 0);
  }
  return Math.max(NODE_SERVER_DEFAULTS.maxPayloadBytes, 2 * largest);
}

/** Stops accepting; resolves once every connection (upgraded ones included) has ended. */
function stopListening(server: AnyHttpServer): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections with no request in flight would otherwise hold the close open.
    server.closeIdleConnections();
  });
}

/** Waits for every socket to close, dropping the ones still open after `timeoutMs`. */
function drain(sockets: Set<WebSocket>, timeoutMs: number): Promise<void> {
  if (sockets.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      for (const ws of sockets) ws.terminate();
    }, timeoutMs);
    const onClose = (): void => {
      if (sockets.size > 0) return;
      clearTimeout(timer);
      resolve();
    };
    // Each socket's own 'close' listener (which deletes it from the set) was added first.
    for (const ws of sockets) ws.once('close', onClose);
  });
}
