// WsSocket: the Socket seam over one `ws` WebSocket, and the wiring of its events to the core.
import type {
  ConnectionHandler,
  ConnectionRef,
  Frame,
  Socket,
  UpgradeRequest,
} from '@herald/protocol';
import { ErrorCode } from '@herald/protocol';
import WebSocket from 'ws';
import { canWritePreframed, writeFrame } from './ws-frame';

/** Close code reported to the core when the transport failed without a close frame (RFC 6455). */
const ABNORMAL_CLOSURE = 1006;
/** Close code used when the core asks for a code or reason ws refuses to put in a close frame. */
const INTERNAL_ERROR = 1011;

/**
 * One accepted WebSocket as the core sees it. Create it with {@link WsSocket.accept}, which opens
 * the connection in the core and reports every message, pong and the close back to it.
 *
 * Broadcast frames are written as bytes pre-built once per frame (see `ws-frame.ts`), so sending
 * one event to N sockets costs one framing and N writes.
 */
export class WsSocket implements Socket {
  private conn: ConnectionRef | undefined;
  private handler: ConnectionHandler | undefined;
  /** The core was told about the close; nothing reaches it for this socket afterwards. */
  private isReleased = false;
  private readonly isPreframedAllowed: boolean;

  private constructor(
    private readonly ws: WebSocket,
    readonly remoteAddress: string,
  ) {
    this.isPreframedAllowed = canWritePreframed(ws);
  }

  /**
   * Opens `ws` as a Herald connection: calls `handler.open` and forwards text messages, binary
   * messages, pongs and the close (exactly once) to the core.
   */
  static accept(ws: WebSocket, request: UpgradeRequest, handler: ConnectionHandler): WsSocket {
    const socket = new WsSocket(ws, request.remoteAddress);
    socket.handler = handler;
    (ws as Tagged)[SOCKET] = socket;
    // Listeners go on before `open`, so an error raised while the core resolves the app is seen.
    // They are shared module-level functions (ws calls them with `this` = the WebSocket): five
    // closures per socket would cost more memory than the core's whole state for a connection.
    ws.on('message', onMessage);
    ws.on('pong', onActivity);
    // A client-sent ping is activity too: ws answers it itself, the core only needs to know.
    ws.on('ping', onActivity);
    ws.on('close', onClose);
    ws.on('error', onError);
    socket.conn = handler.open(socket, request);
    return socket;
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  send(frame: Frame): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    try {
      writeFrame(this.ws, frame, this.isPreframedAllowed);
    } catch {
      // The contract forbids throwing into the core, and a frame silently lost would leave the
      // client with a gap it cannot see: drop the connection so the client reconnects instead.
      this.ws.terminate();
    }
  }

  close(code: number, reason: string): void {
    const state = this.ws.readyState;
    if (state === WebSocket.CLOSING || state === WebSocket.CLOSED) return;
    try {
      this.ws.close(code, reason);
    } catch {
      // ws throws on a code outside 1000–4999 or a reason over 123 bytes; close anyway.
      this.ws.close(INTERNAL_ERROR);
    }
    // A client closed for flooding would otherwise be read and parsed until ws's 30 s close
    // timeout, burning CPU on frames nobody will look at. Stop reading now, and drop the TCP
    // connection once the close frame has had a moment to leave, so the client sees the close
    // promptly (it never gets to answer it: its reply is not read).
    if (STOP_READING_ON.has(code)) {
      this.ws.pause();
      setTimeout(() => this.ws.terminate(), ABUSE_CLOSE_GRACE_MS).unref();
    }
    // The protocol connection ends when either side decides so; waiting for the peer's close
    // frame would keep a slow or gone client's channels and presence alive for up to 30 s.
    // Deferred so the core is never re-entered from inside its own call to `close`.
    process.nextTick(() => this.release(code));
  }

  /** @internal */
  handleMessage(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.isReleased || this.conn === undefined || this.handler === undefined) return;
    if (isBinary) {
      this.handler.binary(this.conn);
      return;
    }
    this.handler.message(this.conn, rawDataToText(data));
  }

  /** @internal */
  handleActivity(): void {
    if (this.isReleased || this.conn === undefined || this.handler === undefined) return;
    this.handler.pong(this.conn);
  }

  /** @internal */
  release(code: number): void {
    if (this.isReleased || this.conn === undefined || this.handler === undefined) return;
    this.isReleased = true;
    this.handler.close(this.conn, code);
  }
}

/** How long a close frame to a flooding client gets to leave before the connection is dropped. */
const ABUSE_CLOSE_GRACE_MS = 1000;

/** Closes after which the peer's further frames are not worth reading: a flood of invalid ones. */
const STOP_READING_ON: ReadonlySet<number> = new Set([ErrorCode.TooManyInvalidMessages]);

const SOCKET = Symbol('herald.wsSocket');
type Tagged = WebSocket & { [SOCKET]?: WsSocket };

function onMessage(this: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
  (this as Tagged)[SOCKET]?.handleMessage(data, isBinary);
}

function onActivity(this: WebSocket): void {
  (this as Tagged)[SOCKET]?.handleActivity();
}

function onClose(this: WebSocket, code: number): void {
  (this as Tagged)[SOCKET]?.release(code);
}

// ws emits 'close' after 'error' only once the TCP socket is gone, which can take up to its
// 30 s close timeout; release now so the core frees channels and presence members promptly.
function onError(this: WebSocket): void {
  (this as Tagged)[SOCKET]?.release(ABNORMAL_CLOSURE);
}

/** ws hands text messages over as a Buffer (the default `binaryType`); decode them as UTF-8. */
function rawDataToText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
