// The example's servers: Herald itself, and the "app" — a page, its stylesheet and bundled client, an
// auth endpoint and an orders route that broadcasts to everyone but the sender, through Herald's
// in-process server API (no signed HTTP requests to its own process).
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createNodeServer, HeraldApiError, type NodeServer } from '@herald/node';
import { pageHtml } from './page';

export const APP = Object.freeze({
  id: 'live-orders',
  key: 'live-orders-key',
  secret: 'live-orders-secret',
});
/** What the server broadcasts, so `trigger` checks the data it is given. */
type OrderEvents = { 'order.shipped': { id: string; by: string } };

/** Who may sign in: lower-case names, so the page can take one from its URL. */
const USER_NAME = /^[a-z]{1,20}$/;

export interface LiveOrders {
  /** The page: open `${url}/?user=alice`. */
  readonly url: string;
  readonly heraldPort: number;
  close(): Promise<void>;
}

/** Starts Herald and the app on free ports of 127.0.0.1 (or the ports given). */
export async function startLiveOrders(
  options: { appPort?: number; heraldPort?: number } = {},
): Promise<LiveOrders> {
  const herald: NodeServer<OrderEvents> = createNodeServer<OrderEvents>({
    apps: [APP],
    host: '127.0.0.1',
    port: options.heraldPort ?? 0,
    closeTimeoutMs: 500,
  });
  const { port: heraldPort } = await herald.listen();
  const client = await bundleClient();
  const styles = await readFile(new URL('./styles.css', import.meta.url), 'utf8');
  const page = pageHtml({ key: APP.key, host: '127.0.0.1', port: heraldPort });

  const app: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // Herald's refusals carry the status its HTTP API would answer (400, 429, 503 ...).
      if (error instanceof HeraldApiError) sendJson(res, error.status, { error: error.message });
      else send(res, 500, 'text/plain', String(error));
    });
  });
  // What the browser loads: the page, its stylesheet and its script.
  const assets = new Map([
    ['/', { type: 'text/html; charset=utf-8', body: page }],
    ['/styles.css', { type: 'text/css; charset=utf-8', body: styles }],
    ['/client.js', { type: 'text/javascript; charset=utf-8', body: client }],
  ]);
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const asset = req.method === 'GET' ? assets.get(url.pathname) : undefined;
    if (asset !== undefined) return send(res, 200, asset.type, asset.body);
    if (req.method !== 'POST') return send(res, 404, 'text/plain', 'not found');
    // The user comes from a header the page sets; a real app reads its session instead.
    const user = String(req.headers['x-user'] ?? '');
    const isKnown = USER_NAME.test(user);
    if (url.pathname === '/broadcasting/auth') {
      if (!isKnown) return sendJson(res, 403, { error: 'who are you?' });
      const form = new URLSearchParams(await readBody(req));
      const socketId = form.get('socket_id') ?? '';
      const channel = form.get('channel_name') ?? '';
      const presence = { user_id: user, user_info: { name: user } };
      const auth = await herald.api.authorizeChannel(
        socketId,
        channel,
        channel.startsWith('presence-') ? presence : undefined,
      );
      return sendJson(res, 200, auth);
    }
    if (url.pathname === '/orders') {
      if (!isKnown) return sendJson(res, 403, { error: 'who are you?' });
      const id = orderIdOf(await readBody(req));
      if (id === undefined) return sendJson(res, 400, { error: 'give an order id' });
      // X-Socket-ID (set by @herald/echo's fetch wrapper) keeps the sender from hearing its own event.
      const socketId = req.headers['x-socket-id'];
      const except = typeof socketId === 'string' ? { socketId } : {};
      await herald.api.trigger('presence-orders', 'order.shipped', { id, by: user }, except);
      return sendJson(res, 202, { ok: true });
    }
    send(res, 404, 'text/plain', 'not found');
  }
  app.listen(options.appPort ?? 0, '127.0.0.1');
  await new Promise((resolve) => app.once('listening', resolve));
  const { port } = app.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    heraldPort,
    async close() {
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
      await herald.close();
    },
  };
}

/** Bundles src/client.ts (with @herald/echo, laravel-echo and pusher-js's web build) for the browser. */
async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./client.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** The order id of a `{"id": "..."}` body, or `undefined` when there is none. */
function orderIdOf(body: string): string | undefined {
  try {
    const { id } = JSON.parse(body) as { id?: unknown };
    return typeof id === 'string' && id.trim() !== '' && id.length <= 40 ? id.trim() : undefined;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res
    .writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
    .end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json', JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
