// Real parts for echo tests: a Herald node server (restartable on the same port) and a Laravel-like
// app server (auth endpoint signing with the real pusher SDK, and a route that publishes toOthers).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createNodeServer, type NodeServer, type NodeServerOptions } from '@herald/node';
import Pusher from 'pusher';

export const APP = Object.freeze({ id: 'echo-app', key: 'echo-key', secret: 'echo-secret' });

/** A Herald server whose subscribe/unsubscribe frames are counted across restarts. */
export class HeraldUnderTest {
  server: NodeServer | undefined;
  port = 0;
  readonly subscribed: { channel: string; socketId: string }[] = [];
  readonly unsubscribed: { channel: string; socketId: string }[] = [];
  readonly clientEvents: { channel: string; event: string }[] = [];
  /** Codes of every `pusher:error` / `pusher:subscription_error` sent (4301: client event rate-limited). */
  readonly clientErrorCodes: (number | null)[] = [];
  /** Close codes of every connection that ended. */
  readonly closeCodes: number[] = [];

  /** `options` are passed to `createNodeServer` (e.g. a small `maxBufferedBytes`). */
  constructor(private readonly options: Partial<NodeServerOptions> = {}) {}

  async start(): Promise<void> {
    const server = createNodeServer({
      apps: [APP],
      host: '127.0.0.1',
      port: this.port,
      closeTimeoutMs: 1000,
      ...this.options,
    });
    server.herald.observe({
      subscribed: (e) => this.subscribed.push({ channel: e.channel, socketId: e.socketId }),
      unsubscribed: (e) => this.unsubscribed.push({ channel: e.channel, socketId: e.socketId }),
      clientEvent: (e) => this.clientEvents.push({ channel: e.channel, event: e.event }),
      clientError: (e) => this.clientErrorCodes.push(e.code),
      connectionClosed: (e) => this.closeCodes.push(e.code),
    });
    const address = await server.listen();
    this.port = address.port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }

  subscribeCount(channel: string): number {
    return this.subscribed.filter((s) => s.channel === channel).length;
  }

  unsubscribeCount(channel: string): number {
    return this.unsubscribed.filter((s) => s.channel === channel).length;
  }

  /** The pusher SDK (HTTP API client) pointed at this server. */
  api(): Pusher {
    return new Pusher({
      appId: APP.id,
      key: APP.key,
      secret: APP.secret,
      host: '127.0.0.1',
      port: String(this.port),
      useTLS: false,
    });
  }
}

/** A request as the app server saw it. */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * The app side: `POST /broadcasting/auth` signs with the pusher SDK (presence user from the
 * `x-user-id` header; a bearer token other than `validToken` gets 401), `POST /orders` publishes
 * `order.created` to `orders` excluding the sender's `X-Socket-ID`, like Laravel's toOthers().
 */
export class AppUnderTest {
  readonly requests: SeenRequest[] = [];
  validToken: string | undefined;
  private server: Server | undefined;
  url = '';

  constructor(private readonly herald: HeraldUnderTest) {}

  authRequests(channel?: string): SeenRequest[] {
    return this.requests.filter(
      (r) =>
        r.path === '/broadcasting/auth' &&
        (channel === undefined || new URLSearchParams(r.body).get('channel_name') === channel),
    );
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const seen = { path: req.url ?? '', headers: req.headers, body };
        this.requests.push(seen);
        this.handle(seen).then(
          ({ status, json }) => {
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(json));
          },
          (error: unknown) => {
            res.writeHead(500);
            res.end(String(error));
          },
        );
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    this.url = `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: SeenRequest): Promise<{ status: number; json: unknown }> {
    if (req.path === '/broadcasting/auth') {
      if (
        this.validToken !== undefined &&
        req.headers.authorization !== `Bearer ${this.validToken}`
      ) {
        return { status: 401, json: { message: 'Unauthenticated.' } };
      }
      const form = new URLSearchParams(req.body);
      const socketId = form.get('socket_id') ?? '';
      const channel = form.get('channel_name') ?? '';
      const userId = String(req.headers['x-user-id'] ?? 'anonymous');
      const presence = channel.startsWith('presence-')
        ? { user_id: userId, user_info: { name: `user ${userId}` } }
        : undefined;
      return { status: 200, json: this.herald.api().authorizeChannel(socketId, channel, presence) };
    }
    if (req.path === '/orders') {
      const socketId = req.headers['x-socket-id'];
      const params = typeof socketId === 'string' ? { socket_id: socketId } : undefined;
      await this.herald
        .api()
        .trigger('orders', 'order.created', JSON.parse(req.body || '{}'), params);
      return { status: 200, json: { ok: true } };
    }
    if (req.path === '/echo')
      return { status: 200, json: { socketId: req.headers['x-socket-id'] ?? null } };
    return { status: 404, json: {} };
  }
}
