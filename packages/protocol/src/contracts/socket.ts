// Socket seam (core ← adapter): one client connection as the core sees it.
import type { Frame } from './frame';

/**
 * What an adapter gives the core for each accepted WebSocket.
 *
 * Contract:
 * - `send` never throws; after the socket closed it is a no-op. The adapter writes the frame in
 *   order; it may use `frame.encode()` to memoize its wire form.
 * - `close` is idempotent. The adapter calls `ConnectionHandler.close` exactly once afterwards
 *   (and also when the peer closes or the transport fails).
 * - `bufferedAmount` is the number of bytes queued but not yet written to the network; the core
 *   reads it before each send to bound memory held for slow consumers.
 */
export interface Socket {
  send(frame: Frame): void;
  close(code: number, reason: string): void;
  readonly bufferedAmount: number;
  readonly remoteAddress: string;
  /**
   * pusher-js's name for the transport, for observers and metrics only; the core treats every
   * transport alike. Absent means `ws` (a WebSocket adapter need not set it).
   */
  readonly transport?: SocketTransport;
}

/** The transports a connection can arrive on: a WebSocket or one of pusher-js's HTTP fallbacks. */
export type SocketTransport = 'ws' | 'xhr_streaming' | 'xhr_polling';

/** The upgrade request as the core needs it: path, raw query and lower-cased headers. */
export interface UpgradeRequest {
  /** Path without query, e.g. `/app/app-key`. */
  readonly path: string;
  /** The raw query string without `?`, e.g. `protocol=7&client=js`. */
  readonly query: string;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly remoteAddress: string;
}
