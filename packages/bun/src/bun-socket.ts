// BunSocket: the Socket seam over one Bun ServerWebSocket.
import type { ConnectionHandler, ConnectionRef, Frame, Socket } from '@herald/protocol';
import type { BunWebSocket } from './bun-types';

const OPEN = 1;
const INTERNAL_ERROR = 1011;

/** One accepted WebSocket as the core sees it; reports its close to the core exactly once. */
export class BunSocket implements Socket {
  conn: ConnectionRef | undefined;
  private isReleased = false;

  constructor(
    private readonly ws: BunWebSocket,
    private readonly handler: ConnectionHandler,
  ) {}

  get remoteAddress(): string {
    return this.ws.remoteAddress;
  }

  get bufferedAmount(): number {
    return this.ws.getBufferedAmount();
  }

  send(frame: Frame): void {
    if (this.ws.readyState !== OPEN) return;
    // Bun's sendText takes only strings (pre-encoded bytes would go out as a binary frame), so the
    // shared frame text is handed over as is and Bun frames it natively per socket.
    this.ws.sendText(frame.text);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState !== OPEN) return;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.close(INTERNAL_ERROR);
    }
    // The connection ends when either side decides so; a gone client must not keep its channels
    // and presence until the close handshake times out. Deferred: never re-enter the core's call.
    queueMicrotask(() => this.release(code));
  }

  /** Reports the close to the core, once. */
  release(code: number): void {
    if (this.isReleased || this.conn === undefined) return;
    this.isReleased = true;
    this.handler.close(this.conn, code);
  }
}
