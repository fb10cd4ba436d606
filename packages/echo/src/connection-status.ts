// Connection status: the honest state of the connection, as a framework-free store.
import type { ReadableStore } from './store';

/**
 * - `connecting`: the first connection is being made.
 * - `connected`: the server accepted the connection; channels (re)subscribe.
 * - `reconnecting`: the connection was lost and retries are under way.
 * - `unavailable`: retries go on, but the outage is long or the device is offline.
 * - `failed`: the server refused the connection (close codes 4000–4099); no more retries.
 * - `disconnected`: the app called `disconnect()`.
 */
export type ConnectionState =
  'connecting' | 'connected' | 'reconnecting' | 'unavailable' | 'failed' | 'disconnected';

/** The last problem seen: a Pusher error code when the server sent one. */
export interface ConnectionError {
  readonly code: number | null;
  readonly message: string;
  /** When it happened, on the echo's clock. */
  readonly at: number;
}

/** One snapshot of {@link ConnectionStatusStore}. */
export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** Retry attempts since the connection was last up (0 while connected). */
  readonly attempt: number;
  /** When the next attempt starts (clock ms), or `null` when none is scheduled. */
  readonly nextRetryAt: number | null;
  readonly lastError: ConnectionError | null;
  /** Last measured ping → pong round trip, in milliseconds. */
  readonly latencyMs: number | null;
  /** pusher-js transport in use (`ws`, `wss`, `xhr_streaming` ...), or `null` when down. */
  readonly transport: string | null;
  readonly socketId: string | null;
  /** When the current outage began (clock ms), or `null` while connected. */
  readonly downSince: number | null;
}

/** The connection status store: `subscribe(fn) → unsubscribe`, `getSnapshot()`. */
export type ConnectionStatusStore = ReadableStore<ConnectionStatus>;

/** The status before anything happened. */
export const INITIAL_CONNECTION_STATUS: ConnectionStatus = Object.freeze({
  state: 'connecting',
  attempt: 0,
  nextRetryAt: null,
  lastError: null,
  latencyMs: null,
  transport: null,
  socketId: null,
  downSince: null,
});
