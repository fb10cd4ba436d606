// Server hooks: how Herald takes its requests and upgrades from a node:http server, alone or shared.
import {
  STATUS_CODES,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';

/** A node:http or node:https server; both emit the same `request` and `upgrade` events. */
export type AnyHttpServer = HttpServer | HttpsServer;

/** Why an upgrade on any other path is refused. */
const NOT_AN_APP_PATH = 'WebSocket connections are served at /app/{key}';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** What Herald answers; each returns whether it took the request. */
export interface HeraldRoutes {
  readonly handleRequest: (req: IncomingMessage, res: ServerResponse) => boolean;
  readonly handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
  /** Accepts any upgrade path (the core refuses wrong ones with 4005). */
  readonly acceptUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
}

/**
 * Installs Herald on a server it owns: a request Herald does not take gets a JSON 404, and every
 * upgrade goes to the core, which answers a path other than `/app/{key}` with 4005.
 * @returns a function that removes the listeners.
 */
export function hookOwnServer(server: AnyHttpServer, routes: HeraldRoutes): () => void {
  const onRequest: RequestListener = (req, res) => {
    if (routes.handleRequest(req, res)) return;
    const body = JSON.stringify({ error: 'Not found: the HTTP API is served under /apps/{id}' });
    res.writeHead(404, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    routes.acceptUpgrade(req, socket, head);
  };
  server.on('request', onRequest);
  server.on('upgrade', onUpgrade);
  return () => {
    server.off('request', onRequest);
    server.off('upgrade', onUpgrade);
  };
}

/**
 * Installs Herald on an app's server. node:http calls every `request` listener for every request,
 * so the listeners already there (the app's handler, e.g. the one given to `createServer`) are
 * moved behind Herald's, which calls them only for requests Herald does not take. Upgrades Herald
 * does not take are left to the app's other `upgrade` listeners, or refused when there are none.
 * @returns a function that restores the server's listeners as they were.
 */
export function hookSharedServer(server: AnyHttpServer, routes: HeraldRoutes): () => void {
  const appListeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  const onRequest: RequestListener = (req, res) => {
    if (routes.handleRequest(req, res)) return;
    for (const listener of appListeners) listener.call(server, req, res);
  };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (routes.handleUpgrade(req, socket, head)) return;
    // With another upgrade listener present, the upgrade is the app's (its own WebSocket server,
    // a dev-server's HMR...); with none, node:http would otherwise leave the socket hanging.
    if (server.listenerCount('upgrade') === 1) rejectUpgrade(socket, 400, NOT_AN_APP_PATH);
  };
  server.on('request', onRequest);
  server.on('upgrade', onUpgrade);
  return () => {
    server.off('request', onRequest);
    server.off('upgrade', onUpgrade);
    for (const listener of appListeners) server.on('request', listener);
  };
}

/** Answers an upgrade request with a plain HTTP error and closes the socket. */
export function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  // A client that vanished mid-handshake must not become an unhandled 'error' event.
  socket.on('error', () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
      body,
  );
}
