// AppTraffic: per-app message and byte counters, plain integers bumped on the hot path.

/**
 * Counts since the server started. Kept as mutable number fields on one object per app (no
 * Map lookup, no allocation per message); metrics read them on scrape.
 */
export class AppTraffic {
  /** Client messages received (WebSocket text frames). */
  messagesIn = 0;
  /** UTF-8 bytes of those messages. */
  bytesIn = 0;
  /** Frames sent to sockets (one per recipient). */
  messagesOut = 0;
  /** UTF-8 bytes of those frames. */
  bytesOut = 0;
}
