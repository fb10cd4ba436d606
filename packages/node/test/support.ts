// Test support: a raw ws client that queues what it receives, and a Herald started on port 0.
import { once } from 'node:events';
import type { AppConfig } from '@herald/protocol';
import WebSocket from 'ws';
import { createNodeServer, type NodeServer, type NodeServerOptions } from '../src/index';

/** The app every real-server test uses. */
export const TEST_APP: AppConfig = Object.freeze({
  id: '4242',
  key: 'test-key',
  secret: 'test-secret',
});

/** Matches a Pusher socket id such as `123.456`. */
export const SOCKET_ID = /^\d+\.\d+$/;

/** A Pusher message as received; `data` is a JSON string for events, an object for errors. */
export interface PusherMessage {
  event: string;
  channel?: string;
  data?: unknown;
}

/** A close as the client saw it. */
export interface ClientClose {
  code: number;
  reason: string;
}

/** A raw WebSocket client that hands out messages in arrival order, waiting on events. */
export class RawClient {
  private readonly queue: string[] = [];
  private readonly waiting: ((text: string) => void)[] = [];
  /** Resolves when the server closes (or the socket fails). */
  readonly closed: Promise<ClientClose>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = (data as Buffer).toString('utf8');
      const waiter = this.waiting.shift();
      if (waiter) waiter(text);
      else this.queue.push(text);
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  /** Opens `url` and resolves once the WebSocket is open. */
  static async connect(url: string): Promise<RawClient> {
    const client = new RawClient(new WebSocket(url));
    await once(client.ws, 'open');
    return client;
  }

  /** The next message, as text. */
  next(): Promise<string> {
    const text = this.queue.shift();
    if (text !== undefined) return Promise.resolve(text);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** The next message, parsed. */
  async nextJson(): Promise<PusherMessage> {
    return JSON.parse(await this.next()) as PusherMessage;
  }

  /** Reads `pusher:connection_established` and returns the socket id. */
  async established(): Promise<string> {
    const message = await this.nextJson();
    if (message.event !== 'pusher:connection_established') {
      throw new Error(`expected connection_established, got ${JSON.stringify(message)}`);
    }
    return (JSON.parse(String(message.data)) as { socket_id: string }).socket_id;
  }

  /** Sends a Pusher message. */
  sendJson(message: object): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Subscribes to a public channel and waits for the confirmation. */
  async subscribe(channel: string): Promise<void> {
    this.sendJson({ event: 'pusher:subscribe', data: { channel } });
    const reply = await this.nextJson();
    if (reply.event !== 'pusher_internal:subscription_succeeded') {
      throw new Error(`subscribe failed: ${JSON.stringify(reply)}`);
    }
  }

  /** Closes the client and waits for the close to complete. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed;
  }
}

/** A started server with its URLs; `stop()` closes it and every client opened through it. */
export interface StartedServer {
  node: NodeServer;
  port: number;
  httpUrl: string;
  wsUrl(key?: string, query?: string): string;
  client(key?: string): Promise<RawClient>;
  stop(): Promise<void>;
}

/** Starts Herald on 127.0.0.1, port 0, serving {@link TEST_APP} unless `apps` is given. */
export async function startServer(
  options: Partial<NodeServerOptions> = {},
): Promise<StartedServer> {
  const node = createNodeServer({ apps: [TEST_APP], host: '127.0.0.1', port: 0, ...options });
  const { port } = await node.listen();
  const clients: RawClient[] = [];
  const wsUrl = (key = TEST_APP.key, query = 'protocol=7&client=js&version=8.4.0'): string =>
    `ws://127.0.0.1:${port}/app/${key}?${query}`;
  return {
    node,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl,
    async client(key) {
      const client = await RawClient.connect(wsUrl(key));
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((client) => client.close()));
      await node.close();
    },
  };
}
