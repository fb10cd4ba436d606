// FallbackSession: one xhr_streaming / xhr_polling session as a Socket, so the core sees no difference.
import type { Clock, TimerHandle } from '../contracts/clock';
import type { ConnectionHandler, ConnectionRef } from '../contracts/connection-handler';
import type { Frame } from '../contracts/frame';
import type { Socket, SocketTransport } from '../contracts/socket';
import { closeFrame, HEARTBEAT_FRAME, messagesFrame, quotedText } from './fallback-frames';

/** Where a receive request's bytes go: the open HTTP response of one `xhr_streaming` or `xhr` request. */
export interface FallbackReceiver {
  /** Appends text to the response body. */
  write(text: string): void;
  /** Ends the response. The adapter still calls the `detach` it was given afterwards. */
  end(): void;
  /** Bytes written to the response but not yet to the network. */
  readonly bufferedAmount: number;
}

/** How a receive request reads: one long response (streaming) or one response per poll. */
export type ReceiveMode = 'streaming' | 'polling';

/** Timings of a session, resolved from {@link HttpFallbackOptions}. */
export interface SessionTimings {
  readonly heartbeatMs: number;
  readonly sessionTimeoutMs: number;
}

/**
 * The Socket of one HTTP fallback session. Outgoing frames wait in a queue until a receive request
 * is open, so nothing is lost between polls; `bufferedAmount` counts that queue, so the core's
 * slow-consumer bound (`maxBufferedBytes`, then 4100) limits it like a slow WebSocket's buffer.
 */
export class FallbackSession implements Socket {
  private conn: ConnectionRef | undefined;
  private queue: string[] = [];
  private queuedBytes = 0;
  private receiver: FallbackReceiver | undefined;
  private mode: ReceiveMode = 'streaming';
  /** Set once closed: the `c` frame still owed to the client's next receive request. */
  private closing: string | undefined;
  private isReleased = false;
  private isFlushScheduled = false;
  private heartbeat: TimerHandle = undefined;
  private expiry: TimerHandle = undefined;

  constructor(
    readonly remoteAddress: string,
    /** The receive transport that opened the session; a session keeps its name for metrics. */
    readonly transport: SocketTransport,
    private readonly handler: ConnectionHandler,
    private readonly clock: Clock,
    private readonly timings: SessionTimings,
    /** Called once the session is gone for good, to forget its id. */
    private readonly onGone: () => void,
  ) {
    this.startExpiry();
  }

  /** Binds the core's connection; called right after `handler.open(session, ...)`. */
  bind(conn: ConnectionRef): void {
    this.conn = conn;
  }

  /** True once closed by either side; only owed frames are still delivered. */
  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  get bufferedAmount(): number {
    return this.queuedBytes + (this.receiver?.bufferedAmount ?? 0);
  }

  send(frame: Frame): void {
    if (this.closing !== undefined) return;
    const quoted = quotedText(frame);
    this.queue.push(quoted);
    this.queuedBytes += quoted.length;
    // Coalesced per tick: a poll answered at the first of several frames would cost a round trip each.
    if (this.receiver !== undefined && !this.isFlushScheduled) {
      this.isFlushScheduled = true;
      queueMicrotask(() => {
        this.isFlushScheduled = false;
        this.flush();
      });
    }
  }

  close(code: number, reason: string): void {
    if (this.closing !== undefined) return;
    this.closing = closeFrame(code, reason);
    this.flush();
    // Deferred so the core is never re-entered from inside its own call to `close`.
    queueMicrotask(() => this.release(code));
  }

  /**
   * Makes `receiver` the session's open receive request, replacing (ending) any earlier one the
   * client abandoned. Returns the function the adapter calls when the response ends or the client
   * goes away.
   */
  attach(receiver: FallbackReceiver, mode: ReceiveMode, preamble = ''): () => void {
    const previous = this.receiver;
    this.detach(previous);
    previous?.end();
    this.clock.clearTimeout(this.expiry);
    this.expiry = undefined;
    this.receiver = receiver;
    this.mode = mode;
    if (preamble !== '') receiver.write(preamble);
    // A poll that brings the open frame ends at once: pusher-js only opens after that response.
    if (preamble !== '' && mode === 'polling') this.endReceiver();
    else this.flush();
    if (this.receiver === receiver) this.startHeartbeat();
    return () => this.detach(receiver);
  }

  /** Reports one client message or heartbeat (`[]`) from `xhr_send`. */
  receive(messages: readonly string[]): void {
    if (this.isReleased || this.conn === undefined) return;
    if (messages.length === 0) this.handler.pong(this.conn);
    for (const text of messages) {
      if (this.isReleased) return;
      this.handler.message(this.conn, text);
    }
  }

  private flush(): void {
    const receiver = this.receiver;
    if (receiver === undefined) return;
    const hasMessages = this.queue.length > 0;
    if (hasMessages) {
      receiver.write(messagesFrame(this.queue));
      this.queue = [];
      this.queuedBytes = 0;
    }
    if (this.closing !== undefined) {
      receiver.write(this.closing);
      this.endReceiver();
    } else if (hasMessages && this.mode === 'polling') {
      this.endReceiver();
    }
  }

  private startHeartbeat(): void {
    this.clock.clearInterval(this.heartbeat);
    // Streaming: `h` keeps pusher-js's activity check and any proxy's idle timer satisfied.
    // Polling: an idle poll is answered with `h` and the client polls again at once.
    this.heartbeat = this.clock.setInterval(() => {
      const receiver = this.receiver;
      if (receiver === undefined) return;
      receiver.write(HEARTBEAT_FRAME);
      if (this.mode === 'polling') this.endReceiver();
    }, this.timings.heartbeatMs);
  }

  private endReceiver(): void {
    const receiver = this.receiver;
    this.detach(receiver);
    receiver?.end();
  }

  private detach(receiver: FallbackReceiver | undefined): void {
    if (receiver === undefined || this.receiver !== receiver) return;
    this.receiver = undefined;
    this.clock.clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.startExpiry();
  }

  /** With no receive request open for `sessionTimeoutMs`, the client is gone: close normally. */
  private startExpiry(): void {
    this.clock.clearTimeout(this.expiry);
    this.expiry = this.clock.setTimeout(() => this.expire(), this.timings.sessionTimeoutMs);
  }

  private expire(): void {
    this.expiry = undefined;
    if (this.closing === undefined) {
      this.closing = closeFrame(NORMAL_CLOSURE, 'Session expired');
      this.release(NORMAL_CLOSURE);
    }
    this.queue = [];
    this.queuedBytes = 0;
    this.onGone();
  }

  private release(code: number): void {
    if (this.isReleased || this.conn === undefined) return;
    this.isReleased = true;
    this.handler.close(this.conn, code);
  }
}

/** The close code the core sees when a session expires: the client left without a word. */
const NORMAL_CLOSURE = 1000;
