// Frame seam: one outgoing message, serialized once and shared by every socket it is sent to.

/**
 * A serialized Pusher message. The core builds one Frame per event and hands the same instance to
 * every recipient, so JSON serialization happens once per event, never per socket.
 *
 * Adapters may memoize a transport-specific form (for example the framed WebSocket bytes) on the
 * frame with {@link Frame.encode}, so a broadcast to N sockets costs one encoding and N writes.
 */
export interface Frame {
  /** The exact JSON text of the message as it goes on the wire. */
  readonly text: string;
  /** UTF-8 size of `text`, computed once on first read. */
  readonly byteLength: number;
  /**
   * Returns the value memoized under `key`, building it from the text on first use.
   * `key` identifies the adapter's encoding; use a module-level symbol so adapters never collide.
   */
  encode<T>(key: symbol, build: (text: string) => T): T;
}
