// ServerContext: what the core's handlers share — settings, app states, delivery and observers.
import type { AppProvider } from './contracts/app-provider';
import type { Clock } from './contracts/clock';
import type { Frame } from './contracts/frame';
import { AppStates } from './apps/app-state';
import { Broadcaster } from './channels/broadcaster';
import type { Connection } from './connections/connection';
import { ErrorCode } from './errors/error-codes';
import { errorFrame } from './messages/frames';
import type { ObserverHub } from './observers/observer-hub';
import type { ClusterNode } from './cluster/cluster-node';
import type { HistoryStore } from './contracts/history-store';

/** Resolved server-wide settings. */
export interface ServerSettings {
  readonly activityTimeoutSeconds: number;
  readonly pongTimeoutMs: number;
  readonly maxBufferedBytes: number;
  readonly fanoutChunkSize: number;
  readonly subscriptionCountThrottleMs: number;
  readonly maxInvalidMessages: number;
  readonly invalidMessageWindowMs: number;
  readonly maxQueuedDeliveries: number;
  readonly maxEventLoopLagMs: number;
}

/** Shared by every handler of one Herald instance. */
export class ServerContext {
  readonly apps = new AppStates();
  readonly broadcaster: Broadcaster;
  /** Present when a scaling bus joins this node to others. */
  cluster: ClusterNode | undefined;
  /** Serials and buffers of resumable channels; `undefined` turns recovery off for every app. */
  history: HistoryStore | undefined;
  /** Set while the server drains: new connections are refused and `/ready` answers 503. */
  isDraining = false;

  constructor(
    readonly provider: AppProvider,
    readonly clock: Clock,
    readonly settings: ServerSettings,
    readonly observers: ObserverHub,
  ) {
    this.broadcaster = new Broadcaster(clock, settings.fanoutChunkSize, (conn, frame) =>
      this.send(conn, frame),
    );
  }

  /**
   * Sends one frame, enforcing the slow-consumer bound: a socket whose unsent bytes exceed the
   * bound is closed with 4100 and the drop is reported, instead of queueing without limit.
   */
  send(conn: Connection, frame: Frame): void {
    if (conn.state === 'closed') return;
    if (conn.socket.bufferedAmount > this.settings.maxBufferedBytes) {
      this.observers.emit('messageDropped', {
        app: conn.app,
        socketId: conn.socketId,
        reason: 'slow-consumer',
      });
      this.closeConnection(conn, ErrorCode.OverCapacity, 'Client is reading too slowly');
      return;
    }
    conn.socket.send(frame);
    const traffic = conn.traffic;
    if (traffic !== undefined) {
      traffic.messagesOut++;
      traffic.bytesOut += frame.byteLength;
    }
  }

  /**
   * Sends `pusher:error` without closing, through the same slow-consumer bound as every other
   * frame: a client that floods invalid messages and never reads cannot make the server hold
   * its error replies. Past `maxInvalidMessages` errors in `invalidMessageWindowMs` the socket is
   * closed with 4150 instead; rate-limited client events (4301) do not count, since a bursty but
   * well-meaning client (typing whispers) earns them.
   */
  sendError(conn: Connection, code: number | null, message: string): void {
    if (conn.state === 'closed') return;
    if (code !== ErrorCode.ClientEventRateLimited && this.isOverInvalidBudget(conn)) {
      this.observers.emit('messageDropped', {
        app: conn.app,
        socketId: conn.socketId,
        reason: 'invalid-message-flood',
      });
      const { maxInvalidMessages, invalidMessageWindowMs } = this.settings;
      this.closeConnection(
        conn,
        ErrorCode.TooManyInvalidMessages,
        `Too many invalid messages: more than ${maxInvalidMessages} in ${invalidMessageWindowMs / 1000} s`,
      );
      return;
    }
    this.observers.emit('clientError', { app: conn.app, socketId: conn.socketId, code, message });
    this.send(conn, errorFrame(code, message));
  }

  /**
   * Closes the socket with a Pusher code: first a `pusher:error` frame carrying the same code
   * (pusher-js reads either), then the close. The adapter reports the close back through
   * `ConnectionHandler.close`, which releases the connection's state.
   */
  closeConnection(conn: Connection, code: number, message: string): void {
    if (conn.state === 'closed') return;
    this.observers.emit('clientError', { app: conn.app, socketId: conn.socketId, code, message });
    // A socket already past its bound would only hold the frame unread; the close code says it all.
    if (conn.socket.bufferedAmount <= this.settings.maxBufferedBytes)
      conn.socket.send(errorFrame(code, message));
    conn.socket.close(code, message);
  }

  /** Counts one error reply against the socket's window; true once the window's budget is spent. */
  private isOverInvalidBudget(conn: Connection): boolean {
    const nowMs = this.clock.now();
    if (nowMs - conn.invalidWindowStartMs >= this.settings.invalidMessageWindowMs) {
      conn.invalidWindowStartMs = nowMs;
      conn.invalidInWindow = 0;
    }
    conn.invalidInWindow++;
    return conn.invalidInWindow > this.settings.maxInvalidMessages;
  }
}
