// ConnectionHandler seam (adapter → core): the four entry points an adapter drives per socket.
import type { Socket, UpgradeRequest } from './socket';

/** Opaque handle the core returns from `open`; adapters pass it back unchanged. */
export interface ConnectionRef {
  /** The Pusher socket id once established, `undefined` while the app is being resolved. */
  readonly socketId: string | undefined;
}

/**
 * Implemented by the core (`createHerald().connections`), driven by adapters.
 *
 * Contract:
 * - `open` is called once per accepted WebSocket, before any `message`. It never throws: an unknown
 *   app or a bad protocol version is answered on the socket (`pusher:error`, then close).
 * - `message` is called with each text frame in arrival order. Adapters must not pass binary
 *   frames as text: call `binary(conn)` instead so the core can answer with an error.
 * - `pong` reports a transport-level pong (WebSocket control frame) as activity.
 * - `close` is called exactly once, whoever closed; the core releases every channel, member and
 *   timer of the connection synchronously.
 * - None of these throw or reject; failures become `pusher:error` frames and observer events.
 */
export interface ConnectionHandler {
  open(socket: Socket, request: UpgradeRequest): ConnectionRef;
  message(conn: ConnectionRef, text: string): void;
  binary(conn: ConnectionRef): void;
  pong(conn: ConnectionRef): void;
  close(conn: ConnectionRef, code: number): void;
}
