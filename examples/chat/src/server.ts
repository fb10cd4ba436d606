// The chat app server: its page, its JSON routes and /broadcasting/auth, with Herald embedded on the
// same node:http server and port (createNodeServer({ server })).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createNodeServer, type NodeServer, type NodeServerOptions } from '@herald/node';
import { build } from 'esbuild';
import { avatarSvg } from './avatar';
import {
  dmChannel,
  dmPair,
  isRoom,
  MAX_MESSAGE_LENGTH,
  MESSAGE_EVENT,
  userIdOf,
  type ChatMessage,
  type ChatUser,
  type MemberInfo,
} from './chat-model';
import { createMemoryHistory, type MessageHistory } from './history';
import { pageHtml } from './page';
import { createSessions } from './session';

/** What the server broadcasts: `trigger` checks each event's data against this. */
type ChatEvents = { [MESSAGE_EVENT]: ChatMessage };

/** The one Herald app this example uses. */
export const APP = Object.freeze({ id: 'chat', key: 'chat-key', secret: 'chat-secret' });

/** Options of {@link startChat}. */
export interface ChatOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Where room messages live; pass the same one to a restarted server to keep them. @default in memory */
  history?: MessageHistory;
  /** Signs session cookies. @default a fixed demo secret: set CHAT_SESSION_SECRET anywhere real */
  sessionSecret?: string;
  /**
   * Joins this chat's Herald to others as one cluster (`createRedisScaling(...)`, as
   * examples/cluster does); pass a shared `history` with it. @default none: a single node
   */
  scaling?: NodeServerOptions['scaling'];
  /** Cluster tuning (heartbeat, node timeout), used only with `scaling`. @default Herald's */
  cluster?: NodeServerOptions['cluster'];
  /**
   * pusher-js's HTTP fallback; behind a round-robin balancer give each node its own `hostname`
   * (docs/scaling.md). @default Herald's: on, without a hostname
   */
  httpFallback?: NodeServerOptions['httpFallback'];
}

/** A running chat. */
export interface Chat {
  /** The page, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly port: number;
  readonly history: MessageHistory;
  /** The embedded Herald core: observe it, read `stats()`, mount metrics on it. */
  readonly herald: NodeServer<ChatEvents>['herald'];
  /** Closes Herald's connections (clients reconnect by themselves) and the server. */
  close(): Promise<void>;
}

/** Starts the chat: page, API and Herald on one port. */
export async function startChat(options: ChatOptions = {}): Promise<Chat> {
  const history = options.history ?? createMemoryHistory();
  const sessions = createSessions(options.sessionSecret ?? 'herald-chat-example-secret');
  const [client, styles] = await Promise.all([
    bundleClient(),
    readFile(new URL('./client/styles.css', import.meta.url), 'utf8'),
  ]);
  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => sendJson(res, 500, { error: String(error) }));
  });
  // Herald takes /app/{key} upgrades and /apps/... (its HTTP API, for other services); the rest of
  // the requests reach route(). This app publishes and signs through herald.api, in-process.
  const herald = createNodeServer<ChatEvents>({
    apps: [APP],
    server,
    closeTimeoutMs: 500,
    ...(options.scaling === undefined ? {} : { scaling: options.scaling }),
    ...(options.cluster === undefined ? {} : { cluster: options.cluster }),
    ...(options.httpFallback === undefined ? {} : { httpFallback: options.httpFallback }),
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/')
      return send(res, 200, 'text/html; charset=utf-8', pageHtml(APP.key));
    if (req.method === 'GET' && path === '/client.js')
      return send(res, 200, 'text/javascript', client);
    if (req.method === 'GET' && path === '/styles.css') return send(res, 200, 'text/css', styles);
    const avatar = /^\/avatars\/([a-z0-9]{1,24})\.svg$/.exec(path);
    if (req.method === 'GET' && avatar !== null) {
      return send(
        res,
        200,
        'image/svg+xml',
        avatarSvg(avatar[1]!, url.searchParams.get('name') ?? avatar[1]!),
      );
    }
    if (path === '/api/session') return session(req, res);
    const user = sessions.userOf(req);
    if (user === undefined) return sendJson(res, 401, { error: 'Sign in first.' });
    if (req.method === 'GET' && path === '/api/me') return sendJson(res, 200, user);
    if (req.method === 'POST' && path === '/broadcasting/auth') return authorize(req, res, user);
    const room = /^\/api\/rooms\/([a-z]+)\/messages$/.exec(path)?.[1];
    if (room !== undefined && isRoom(room)) {
      if (req.method === 'GET') return sendJson(res, 200, { messages: await history.list(room) });
      if (req.method === 'POST') return postMessage(req, res, user, room);
    }
    sendJson(res, 404, { error: 'Not found.' });
  }

  async function session(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'DELETE') {
      res.setHeader('set-cookie', sessions.signOutCookie);
      return sendJson(res, 200, {});
    }
    const { name } = (await readJson(req)) as { name?: unknown };
    const trimmed = typeof name === 'string' ? name.trim().replace(/\s+/g, ' ').slice(0, 40) : '';
    const id = userIdOf(trimmed);
    if (id === '')
      return sendJson(res, 400, { error: 'Choose a name with a letter or a digit in it.' });
    const user: ChatUser = {
      id,
      name: trimmed,
      avatar: `/avatars/${id}.svg?name=${encodeURIComponent(trimmed)}`,
    };
    res.setHeader('set-cookie', sessions.cookieFor(user));
    sendJson(res, 200, user);
  }

  /** Laravel's /broadcasting/auth: rooms are open to anyone signed in; a DM channel only to its pair. */
  async function authorize(
    req: IncomingMessage,
    res: ServerResponse,
    user: ChatUser,
  ): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const socketId = form.get('socket_id') ?? '';
    const channel = form.get('channel_name') ?? '';
    const room = /^presence-room\.([a-z]+)$/.exec(channel)?.[1];
    if (room !== undefined && isRoom(room)) {
      const info: MemberInfo = { name: user.name, avatar: user.avatar };
      return sendJson(
        res,
        200,
        await herald.api.authorizeChannel(socketId, channel, { user_id: user.id, user_info: info }),
      );
    }
    const pair = dmPair(channel);
    const isPairChannel =
      pair !== undefined && channel === `private-${dmChannel(pair[0], pair[1])}`;
    if (isPairChannel && pair.includes(user.id)) {
      return sendJson(res, 200, await herald.api.authorizeChannel(socketId, channel));
    }
    sendJson(res, 403, { error: `${user.name} may not join ${channel}.` });
  }

  async function postMessage(
    req: IncomingMessage,
    res: ServerResponse,
    user: ChatUser,
    room: string,
  ): Promise<void> {
    const body = (await readJson(req)) as { clientId?: unknown; text?: unknown };
    const text = typeof body.text === 'string' ? body.text.trim() : '';
    if (text === '' || text.length > MAX_MESSAGE_LENGTH || typeof body.clientId !== 'string') {
      return sendJson(res, 422, { error: `A message is 1 to ${MAX_MESSAGE_LENGTH} characters.` });
    }
    const message: ChatMessage = {
      id: randomUUID(),
      clientId: body.clientId.slice(0, 64),
      room,
      user,
      text,
      sentAt: Date.now(),
    };
    await history.add(message);
    // X-Socket-ID (set by @herald/echo's fetch wrapper) keeps the sender's own socket out of the
    // broadcast: the page already shows its copy. Other tabs of the same person still get it.
    const socketId = req.headers['x-socket-id'];
    await herald.api.trigger(
      `presence-room.${room}`,
      MESSAGE_EVENT,
      message,
      typeof socketId === 'string' ? { socketId } : {},
    );
    sendJson(res, 201, message);
  }

  const { port } = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
  await herald.listen();
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    history,
    herald: herald.herald,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      await herald.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

let bundled: Promise<string> | undefined;

/**
 * Bundles the React page (src/client/main.tsx with React, @herald/react and pusher-js's web build),
 * once per process: a restarted server (as in the tests) reuses it.
 */
function bundleClient(): Promise<string> {
  bundled ??= bundle().catch((error: unknown) => {
    bundled = undefined;
    throw error;
  });
  return bundled;
}

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./client/main.tsx', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res
    .writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
    .end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(req)) as unknown;
  } catch {
    return {};
  }
}

function readBody(req: IncomingMessage, maxBytes = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
