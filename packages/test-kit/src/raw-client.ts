// RawClient: a plain `ws` client that keeps every frame, for asserting exact wire JSON and sending bad input.
import WebSocket from 'ws';

/** One frame as received: its exact text and the parsed JSON (undefined when not JSON). */
export interface WireMessage {
  readonly text: string;
  readonly event: string | undefined;
  readonly channel: string | undefined;
  readonly data: unknown;
  /** The whole parsed object. */
  readonly json: Record<string, unknown> | undefined;
}

/** How the socket closed. */
export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

/** What `next` waits for: an event name or a predicate over messages. */
export type MessageMatcher = string | ((message: WireMessage) => boolean);

const DEFAULT_TIMEOUT_MS = 3000;

/**
 * A raw WebSocket client. Received frames queue up; `next` takes the first one that matches (and
 * leaves the others queued), so tests read frames in any order without racing the socket.
 */
export class RawClient {
  /** Every frame received, in order, including those already taken by `next`. */
  readonly received: WireMessage[] = [];
  /** Resolves when the socket closes, with the close code the server sent. */
  readonly closed: Promise<CloseInfo>;
  private readonly queue: WireMessage[] = [];
  private readonly waiters = new Set<() => void>();
  private closeInfo: CloseInfo | undefined;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString('utf8') };
        resolve(this.closeInfo);
        this.wake();
      });
    });
    ws.on('message', (data, isBinary) => {
      const bytes = rawBytes(data);
      const text = isBinary ? `<binary ${String(bytes.length)} bytes>` : bytes.toString('utf8');
      const message = parse(text);
      this.received.push(message);
      this.queue.push(message);
      this.wake();
    });
    // A refused or reset connection surfaces as a close; the error itself is not the test's concern.
    ws.on('error', () => undefined);
  }

  /** Opens a socket to `url`; resolves once the WebSocket is open (not yet Pusher-established). */
  static open(url: string, options: WebSocket.ClientOptions = {}): Promise<RawClient> {
    const ws = new WebSocket(url, options);
    const client = new RawClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        reject(new Error(`WebSocket upgrade refused with HTTP ${String(res.statusCode)}`));
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  /** Whether the socket is still open. */
  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Frames received and not yet taken by `next`. */
  get pending(): readonly WireMessage[] {
    return this.queue;
  }

  /** Sends an object as JSON, or a string as is. */
  send(message: object | string): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Sends a binary frame. */
  sendBinary(bytes: Uint8Array): void {
    this.ws.send(bytes, { binary: true });
  }

  /**
   * Takes the first queued frame matching `matcher`, waiting for it if needed. Rejects on timeout
   * or when the socket closes first, listing what did arrive.
   */
  async next(matcher: MessageMatcher, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<WireMessage> {
    const test = typeof matcher === 'string' ? (m: WireMessage) => m.event === matcher : matcher;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.queue.findIndex(test);
      if (index >= 0) return this.queue.splice(index, 1)[0]!;
      const remaining = deadline - Date.now();
      if (this.closeInfo || remaining <= 0) {
        const why = this.closeInfo
          ? `socket closed (${String(this.closeInfo.code)})`
          : `${String(timeoutMs)} ms passed`;
        throw new Error(
          `No frame matching ${typeof matcher === 'string' ? matcher : 'predicate'}: ${why}. Queued: ${this.describeQueue()}`,
        );
      }
      await this.waitForFrame(remaining);
    }
  }

  /**
   * Round-trips a `pusher:ping`. The server handles a socket's messages in order and writes its
   * frames in order, so anything it sent this socket before reading the ping is queued by the time
   * the pong arrives: the way to prove a frame did *not* come, without sleeping.
   */
  async sync(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    this.send({ event: 'pusher:ping', data: {} });
    await this.next('pusher:pong', timeoutMs);
  }

  /** Queued frames matching `matcher` (without taking them). */
  queued(matcher: MessageMatcher): WireMessage[] {
    const test = typeof matcher === 'string' ? (m: WireMessage) => m.event === matcher : matcher;
    return this.queue.filter(test);
  }

  /** Closes the socket (normal closure) and waits for the close to complete. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    if (this.ws.readyState !== WebSocket.CLOSING) this.ws.close(1000);
    const timer = setTimeout(() => this.ws.terminate(), 1000);
    await this.closed;
    clearTimeout(timer);
  }

  private waitForFrame(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private describeQueue(): string {
    if (this.queue.length === 0) return '(none)';
    return this.queue.map((m) => m.text.slice(0, 200)).join(' | ');
  }
}

function rawBytes(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function parse(text: string): WireMessage {
  let json: Record<string, unknown> | undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      json = value as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return {
    text,
    json,
    event: typeof json?.event === 'string' ? json.event : undefined,
    channel: typeof json?.channel === 'string' ? json.channel : undefined,
    data: json?.data,
  };
}

/** Opens a raw socket without waiting for anything Pusher-specific (for refused connections). */
export function connectRaw(url: string, options?: WebSocket.ClientOptions): Promise<RawClient> {
  return RawClient.open(url, options);
}

/** A raw socket that completed the Pusher handshake, with its socket id. */
export interface EstablishedClient {
  readonly client: RawClient;
  readonly socketId: string;
  /** The `pusher:connection_established` frame as received. */
  readonly established: WireMessage;
}

/** Opens a raw socket and waits for `pusher:connection_established`. */
export async function connectEstablished(url: string): Promise<EstablishedClient> {
  const client = await RawClient.open(url);
  const established = await client.next('pusher:connection_established');
  const data = JSON.parse(established.data as string) as { socket_id: string };
  return { client, socketId: data.socket_id, established };
}
