// SockJS-style frames of pusher-js's HTTP fallback transports (xhr_streaming, xhr_polling).
import type { Frame } from '../contracts/frame';

/** Opens a session; pusher-js reads an `o` on an already open session as a lost session (1006). */
export const OPEN_FRAME = 'o\n';

/**
 * `o{"hostname":"…"}`: opens a session and tells pusher-js to send the session's later requests to
 * `hostname` (same scheme and port), SockJS's rebinding; plain `o` without one.
 */
export function openFrame(hostname: string | undefined): string {
  return hostname === undefined ? OPEN_FRAME : `o${JSON.stringify({ hostname })}\n`;
}
/** Heartbeat: counts as activity for the client; the streaming client answers with `[]`. */
export const HEARTBEAT_FRAME = 'h\n';

// Memo key for a Frame's JSON-string form, so a broadcast escapes each event once, not per session.
const QUOTED = Symbol('herald.fallback.quoted');

/** The frame's text as one JSON string (`"{\"event\":...}"`), memoized on the frame. */
export function quotedText(frame: Frame): string {
  return frame.encode(QUOTED, (text) => JSON.stringify(text));
}

/** `a[...]`: a batch of messages, each already a JSON string (see {@link quotedText}). */
export function messagesFrame(quoted: readonly string[]): string {
  return `a[${quoted.join(',')}]\n`;
}

/** `c[code,"reason"]`: closes the session; pusher-js treats the code as a WebSocket close code. */
export function closeFrame(code: number, reason: string): string {
  return `c${JSON.stringify([code, reason])}\n`;
}
