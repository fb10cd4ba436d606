// A raw ws client that hands out what it receives in order; shared with the CLI's tests.
import { once } from 'node:events';
import WebSocket from 'ws';

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

  /** Opens `url` (with `ws` client options, such as a `ca` for wss://) and resolves once open. */
  static async connect(url: string, options?: WebSocket.ClientOptions): Promise<RawClient> {
    const client = new RawClient(new WebSocket(url, options));
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
