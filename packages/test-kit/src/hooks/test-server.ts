// Real parts for hook tests: a Herald node server that counts what reaches it (connections, subscribe
// and unsubscribe frames), restartable on its port, and an app server that signs auth with the pusher SDK.
import { createServer, type Server } from 'node:http';
import { createNodeServer, type NodeServer } from '@herald/node';
import Pusher from 'pusher';

export const APP = Object.freeze({
  id: 'hooks-app',
  key: 'hooks-key',
  secret: 'hooks-secret',
  // Only `orders.…` channels are resumable: the other hook tests use names outside it.
  recovery: { channels: ['orders.'], maxEvents: 20 },
});

/** A Herald server whose connections and subscribe/unsubscribe frames are counted across restarts. */
export class HeraldUnderTest {
  private server: NodeServer | undefined;
  port = 0;
  connections = 0;
  readonly subscribed: string[] = [];
  readonly unsubscribed: string[] = [];

  async start(): Promise<void> {
    const server = createNodeServer({
      apps: [APP],
      host: '127.0.0.1',
      port: this.port,
      closeTimeoutMs: 1000,
    });
    server.herald.observe({
      connectionOpened: () => (this.connections += 1),
      subscribed: (e) => this.subscribed.push(e.channel),
      unsubscribed: (e) => this.unsubscribed.push(e.channel),
    });
    this.port = (await server.listen()).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }

  subscribeCount(channel: string): number {
    return this.subscribed.filter((c) => c === channel).length;
  }

  unsubscribeCount(channel: string): number {
    return this.unsubscribed.filter((c) => c === channel).length;
  }

  /** Publishes `event` on `channel` through the HTTP API, as a Laravel app would. */
  async trigger(channel: string, event: string, data: unknown): Promise<void> {
    const api = new Pusher({
      appId: APP.id,
      key: APP.key,
      secret: APP.secret,
      host: '127.0.0.1',
      port: String(this.port),
      useTLS: false,
    });
    await api.trigger(channel, event, data);
  }
}

/** `POST /broadcasting/auth`, signing for the user named in `x-user-id`; counts requests per channel. */
export class AuthServer {
  readonly requests: string[] = [];
  url = '';
  private server: Server | undefined;

  constructor(private readonly herald: HeraldUnderTest) {}

  authRequests(channel: string): number {
    return this.requests.filter((c) => c === channel).length;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const channel = form.get('channel_name') ?? '';
        this.requests.push(channel);
        const userId = String(req.headers['x-user-id'] ?? 'anonymous');
        const presence = channel.startsWith('presence-')
          ? { user_id: userId, user_info: { name: `user ${userId}` } }
          : undefined;
        const api = new Pusher({
          appId: APP.id,
          key: APP.key,
          secret: APP.secret,
          host: '127.0.0.1',
          port: String(this.herald.port),
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(api.authorizeChannel(form.get('socket_id') ?? '', channel, presence)),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    this.url = `http://127.0.0.1:${address.port}`;
    this.server = server;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
