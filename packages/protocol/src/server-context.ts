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

/** Resolved server-wide settings. */
export interface ServerSettings {
  readonly activityTimeoutSeconds: number;
  readonly pongTimeoutMs: number;
  readonly maxBufferedBytes: number;
  readonly fanoutChunkSize: number;
  readonly subscriptionCountThrottleMs: number;
}

/** Shared by every handler of one Herald instance. */
export class ServerContext {
  readonly apps = new AppStates();
  readonly broadcaster: Broadcaster;
  /** Present when a scaling bus joins this node to others. */
  cluster: ClusterNode | undefined;
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
      this.observers.emit('messageDropped', { app: conn.app, socketId: conn.socketId, reason: 'slow-consumer' });
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

  /** Sends `pusher:error` without closing. */
  sendError(conn: Connection, code: number | null, message: string): void {
    this.observers.emit('clientError', { app: conn.app, socketId: conn.socketId, code, message });
    if (conn.state !== 'closed') conn.socket.send(errorFrame(code, message));
  }

  /**
   * Closes the socket with a Pusher code: first a `pusher:error` frame carrying the same code
   * (pusher-js reads either), then the close. The adapter reports the close back through
   * `ConnectionHandler.close`, which releases the connection's state.
   */
  closeConnection(conn: Connection, code: number, message: string): void {
    if (conn.state === 'closed') return;
    this.sendError(conn, code, message);
    conn.socket.close(code, message);
  }
}
