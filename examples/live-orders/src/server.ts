// The example's servers: Herald itself, and the "app" — a page, its bundled client, an auth endpoint
// and an orders route that broadcasts to everyone but the sender, as a Laravel app would.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createNodeServer, type NodeServer } from '@herald/node';
import Pusher from 'pusher';

export const APP = Object.freeze({ id: 'live-orders', key: 'live-orders-key', secret: 'live-orders-secret' });

export interface LiveOrders {
  /** The page: open `${url}/?user=alice`. */
  readonly url: string;
  readonly heraldPort: number;
  close(): Promise<void>;
}

/** Starts Herald and the app on free ports of 127.0.0.1 (or the ports given). */
export async function startLiveOrders(options: { appPort?: number; heraldPort?: number } = {}): Promise<LiveOrders> {
  const herald: NodeServer = createNodeServer({ apps: [APP], host: '127.0.0.1', port: options.heraldPort ?? 0, closeTimeoutMs: 500 });
  const { port: heraldPort } = await herald.listen();
  const pusher = new Pusher({ appId: APP.id, key: APP.key, secret: APP.secret, host: '127.0.0.1', port: String(heraldPort), useTLS: false });
  const client = await bundleClient();
  const page = pageHtml(heraldPort);

  const app: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => send(res, 500, 'text/plain', String(error)));
  });
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/') return send(res, 200, 'text/html', page);
    if (req.method === 'GET' && url.pathname === '/client.js') return send(res, 200, 'text/javascript', client);
    if (req.method === 'POST' && url.pathname === '/broadcasting/auth') {
      // The user comes from a header the page sets; a real app reads its session instead.
      const user = String(req.headers['x-user'] ?? '');
      if (!/^[a-z]{1,20}$/.test(user)) return send(res, 403, 'application/json', '{"error":"who are you?"}');
      const form = new URLSearchParams(await readBody(req));
      const socketId = form.get('socket_id') ?? '';
      const channel = form.get('channel_name') ?? '';
      const auth = channel.startsWith('presence-')
        ? pusher.authorizeChannel(socketId, channel, { user_id: user, user_info: { name: user } })
        : pusher.authorizeChannel(socketId, channel);
      return send(res, 200, 'application/json', JSON.stringify(auth));
    }
    if (req.method === 'POST' && url.pathname === '/orders') {
      const order = JSON.parse(await readBody(req)) as { id: string; by: string };
      // X-Socket-ID (set by @herald/echo's fetch wrapper) keeps the sender from hearing its own event.
      const socketId = req.headers['x-socket-id'];
      await pusher.trigger('presence-orders', 'order.shipped', order, typeof socketId === 'string' ? { socket_id: socketId } : {});
      return send(res, 202, 'application/json', '{"ok":true}');
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

function pageHtml(heraldPort: number): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Live orders</title></head>
<body>
  <p>Connection: <strong id="status">starting</strong></p>
  <p>Here now (<span id="count">0</span>): <span id="members"></span></p>
  <p id="typing"></p>
  <input id="order" placeholder="order id"> <button id="ship">Ship</button>
  <ul id="orders"></ul>
  <script>window.HERALD = ${JSON.stringify({ key: APP.key, host: '127.0.0.1', port: heraldPort })};</script>
  <script type="module" src="/client.js"></script>
</body>
</html>`;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
