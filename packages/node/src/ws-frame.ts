// Pre-framed WebSocket bytes for the Frame seam: a broadcast is framed once and written N times.
import type { Frame } from '@herald/protocol';
import type WebSocket from 'ws';
import * as wsModule from 'ws';

/** Memo key under which a {@link Frame} keeps its complete WebSocket text frame for this adapter. */
export const WS_FRAME: unique symbol = Symbol('herald.node.ws-frame');

/** ws 8 opcode for a text frame. */
const TEXT_OPCODE = 1;
/** ws's Sender `_state` while nothing is being deflated or read from a Blob: writes go straight out. */
const SENDER_IDLE = 0;

/** The parts of ws's Sender this module relies on; @types/ws does not describe them. */
interface SenderInternals {
  _state?: number;
  sendFrame?(list: readonly Buffer[], cb?: (err?: Error) => void): void;
}

interface SenderStatic {
  frame(
    data: Buffer,
    options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
  ): Buffer[];
}

/** The parts of a server-side ws WebSocket this module relies on. */
interface WebSocketInternals {
  _sender?: SenderInternals | null;
  _extensions?: Record<string, unknown>;
}

// ws exports Sender by name from both its ESM wrapper and its CJS index (the default export, the
// WebSocket class, carries it only in CJS); @types/ws does not declare it.
const Sender = (wsModule as unknown as { Sender?: SenderStatic }).Sender;

/**
 * Builds the complete unmasked, uncompressed, single-fragment WebSocket text frame for `text`.
 * Server-to-client frames are never masked (RFC 6455 §5.1), so the same bytes are valid on every
 * connection that did not negotiate an extension.
 */
export function buildWsTextFrame(text: string): Buffer {
  if (Sender === undefined) throw new TypeError('ws does not export Sender; use ws 8');
  const parts = Sender.frame(Buffer.from(text, 'utf8'), {
    fin: true,
    opcode: TEXT_OPCODE,
    mask: false,
    readOnly: false,
    rsv1: false,
  });
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** Returns the framed bytes of `frame`, building them on first use and sharing them afterwards. */
export function wsFrameBytes(frame: Frame): Buffer {
  return frame.encode(WS_FRAME, buildWsTextFrame);
}

/**
 * Whether pre-framed bytes may be written to `ws` directly. Only when no extension was negotiated
 * (permessage-deflate would need RSV1 and per-socket compression state) and ws exposes the
 * sender's `sendFrame`, which is what `ws.send()` itself ends in.
 */
export function canWritePreframed(ws: WebSocket): boolean {
  const internals = ws as unknown as WebSocketInternals;
  const extensions = internals._extensions;
  const hasExtensions = extensions !== undefined && Object.keys(extensions).length > 0;
  return (
    Sender !== undefined && !hasExtensions && typeof internals._sender?.sendFrame === 'function'
  );
}

/**
 * Writes `frame` to an OPEN `ws`. Goes through the sender's `sendFrame`, so the bytes land on the
 * net socket in order with ws's own frames (pings, close) and count in `ws.bufferedAmount`. When the
 * sender is busy (it never is without permessage-deflate, but ws may change) or the fast path is
 * not available, falls back to `ws.send()`, which queues behind the busy work.
 */
export function writeFrame(ws: WebSocket, frame: Frame, isPreframedAllowed: boolean): void {
  const sender = (ws as unknown as WebSocketInternals)._sender;
  if (isPreframedAllowed && sender?.sendFrame !== undefined && sender._state === SENDER_IDLE) {
    sender.sendFrame([wsFrameBytes(frame)]);
    return;
  }
  ws.send(frame.text);
}
