// The app server: the page, its bundled script, the grid's routes and channel auth, with Herald
// embedded on the same port (`/app/{key}` WebSockets and the `/apps/...` HTTP API).
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createNodeServer, type BatchEvent } from '@herald/node';
import { createRedisScaling } from '@herald/redis';
import { Redis } from 'ioredis';
import { bundleClient } from './bundle-client';
import { createClickLimiter, DEFAULT_CLICK_LIMIT, type ClickLimit } from './click-limiter';
import { checkGridSize, DEFAULT_GRID_SIZE, isCentre } from './grid-rules';
import { MemoryGridStore, type GridStore } from './grid-store';
import { GRID_CHANNEL, GridEvent, type LevelAccepted, type LevelRefused } from './grid-wire';
import { pageHtml } from './page-html';
import { RedisGridStore } from './redis-grid-store';
import { viewerName } from './viewer-name';

/** The Herald app the example uses; a real deployment reads these from its environment. */
export const APP = Object.freeze({ id: 'grid', key: 'grid-key', secret: 'grid-secret' });

const PRESENCE_CHANNEL = `presence-${GRID_CHANNEL}`;
const VIEWER_ID = /^[a-z0-9-]{4,40}$/;

/** Options of {@link startGrid}. */
export interface GridServerOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Cells per side, 3 to 20; the tests use 3 to fill the grid quickly. @default 10 */
  size?: number;
  /** Keep the grid in Redis and scale Herald through it; without it, both live in this process. */
  redisUrl?: string;
  /** Redis key and channel prefix, so several grids can share one Redis. @default 'herald-grid' */
  redisPrefix?: string;
  /** @default ten clicks a second per viewer */
  clickLimit?: ClickLimit;
}

/** A running grid app. */
export interface GridServer {
  /** The page: open it in two tabs. */
  readonly url: string;
  readonly port: number;
  readonly store: GridStore;
  close(): Promise<void>;
}

/** Starts the app and Herald on one port. */
export async function startGrid(options: GridServerOptions = {}): Promise<GridServer> {
  const size = checkGridSize(options.size ?? DEFAULT_GRID_SIZE);
  const prefix = options.redisPrefix ?? 'herald-grid';
  const redis =
    options.redisUrl === undefined
      ? undefined
      : new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  const store: GridStore =
    redis === undefined ? new MemoryGridStore(size) : new RedisGridStore(redis, size, prefix);
  const allowClick = createClickLimiter(options.clickLimit ?? DEFAULT_CLICK_LIMIT);
  const [client, stylesheet] = await Promise.all([
    bundleClient(),
    readFile(new URL('./client/style.css', import.meta.url), 'utf8'),
  ]);

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error('grid: request failed', error);
      if (!res.headersSent) sendJson(res, 500, { error: 'Something went wrong' });
    });
  });
  // Registered after the app's handler: Herald takes its own paths and leaves the rest to the app.
  const herald = createNodeServer({
    apps: [APP],
    server,
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    closeTimeoutMs: 500,
    ...(redis === undefined ? {} : { scaling: createRedisScaling({ client: redis, prefix }) }),
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/')
      return send(res, 200, 'text/html; charset=utf-8', pageHtml(APP.key));
    if (req.method === 'GET' && url.pathname === '/client.js')
      return send(res, 200, 'text/javascript', client);
    if (req.method === 'GET' && url.pathname === '/style.css')
      return send(res, 200, 'text/css', stylesheet);
    if (req.method === 'GET' && url.pathname === '/grid')
      return sendJson(res, 200, await store.snapshot());
    const cell = /^\/cells\/(\d{1,3})$/.exec(url.pathname);
    if (req.method === 'POST' && cell !== null) return level(req, res, Number(cell[1]));
    if (req.method === 'POST' && url.pathname === '/broadcasting/auth') return authorize(req, res);
    send(res, 404, 'text/plain', 'not found');
  }

  async function level(req: IncomingMessage, res: ServerResponse, index: number): Promise<void> {
    const viewer = viewerOf(req);
    if (viewer === undefined) return sendJson(res, 401, { error: 'Who are you? Send X-Viewer.' });
    if (index >= size * size || isCentre(index, size))
      return sendJson(res, 422, { error: `Cell ${index} cannot be clicked` });
    if (!allowClick(viewer)) {
      const { clicks, version } = await store.snapshot();
      const refused: LevelRefused = {
        error: 'Too many clicks: slow down',
        cell: { index, clicks: clicks[index] ?? 0, version },
      };
      return sendJson(res, 429, refused);
    }
    const outcome = await store.level(index);
    if (!outcome.isLeveled) {
      const refused: LevelRefused = { error: 'This cell is already full', cell: outcome.cell };
      return sendJson(res, 409, refused);
    }
    // X-Socket-ID (set by @herald/echo's fetch wrapper) keeps the clicking tab from hearing its own
    // click: it already shows it. Laravel's broadcast(...)->toOthers() does the same.
    const socketId = req.headers['x-socket-id'];
    const toOthers = typeof socketId === 'string' && socketId !== '' ? { socketId } : {};
    const events: BatchEvent[] = [
      {
        channel: PRESENCE_CHANNEL,
        name: eventName(GridEvent.CellLeveled),
        data: outcome.cell,
        ...toOthers,
      },
    ];
    if (outcome.completed !== null) {
      events.push({
        channel: PRESENCE_CHANNEL,
        name: eventName(GridEvent.GridCompleted),
        data: outcome.completed,
        ...toOthers,
      });
    }
    // One batch keeps the order: the last cell fills, then the grid completes.
    await herald.api.triggerBatch(events);
    const accepted: LevelAccepted = { cell: outcome.cell, completed: outcome.completed };
    sendJson(res, 200, accepted);
  }

  async function authorize(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The viewer comes from a header the page sets; a real app reads its session instead.
    const viewer = viewerOf(req);
    const form = new URLSearchParams(await readBody(req));
    if (viewer === undefined || form.get('channel_name') !== PRESENCE_CHANNEL) {
      return sendJson(res, 403, { error: 'Only viewers may join the grid' });
    }
    const auth = await herald.api.authorizeChannel(form.get('socket_id') ?? '', PRESENCE_CHANNEL, {
      user_id: viewer,
      user_info: { name: viewerName(viewer) },
    });
    sendJson(res, 200, auth);
  }

  // With Redis, Herald listens only once its bus subscriptions are active.
  const { port } = await herald.listen();
  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    store,
    close: () =>
      (closing ??= (async () => {
        await herald.close();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await store.close();
        redis?.disconnect();
      })()),
  };
}

/** The event's name on the wire: Echo's leading dot only tells Echo not to prepend a namespace. */
function eventName(echoName: string): string {
  return echoName.slice(1);
}

function viewerOf(req: IncomingMessage): string | undefined {
  const viewer = req.headers['x-viewer'];
  return typeof viewer === 'string' && VIEWER_ID.test(viewer) ? viewer : undefined;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res
    .writeHead(status, {
      'content-type': type,
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    })
    .end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
