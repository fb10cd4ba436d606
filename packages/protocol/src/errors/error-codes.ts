// The one table of Pusher error codes Herald sends. docs/errors.md lists each with its meaning.

/**
 * Pusher close and error codes. 4000–4099: do not reconnect; 4100–4199: reconnect with back-off;
 * 4200–4299: reconnect at once; 4300–4399: other errors (the connection stays open).
 * @see https://pusher.com/docs/channels/library_auth_reference/pusher-websockets-protocol/#error-codes
 */
export const ErrorCode = Object.freeze({
  /** No app matches the key in `/app/{key}`. */
  AppNotFound: 4001,
  /** The app exists but is disabled. */
  AppDisabled: 4003,
  /** The app is over its connection quota. */
  OverConnectionQuota: 4004,
  /**
   * Pusher's over-quota code, sent as the `status` of a `pusher:subscription_error` (never as a
   * close) when a subscribe would take a connection past `limits.maxChannelsPerConnection`.
   */
  OverChannelQuota: 4004,
  /** The path is not `/app/{key}`. */
  PathNotFound: 4005,
  /** The `protocol` query parameter is not a number. */
  InvalidVersionFormat: 4006,
  /** The protocol version is not supported (Herald speaks 7). */
  UnsupportedProtocolVersion: 4007,
  /** No `protocol` query parameter. */
  NoProtocolVersion: 4008,
  /** The connection is not authorized (origin refused, sign-in deadline missed). */
  Unauthorized: 4009,
  /** The server is over capacity, or the client reads too slowly to keep up. */
  OverCapacity: 4100,
  /**
   * Herald: the socket earned more error replies than `maxInvalidMessages` within
   * `invalidMessageWindowMs` (a broken or hostile client); pusher-js reconnects with back-off.
   */
  TooManyInvalidMessages: 4150,
  /** Generic reconnect-now: the server is restarting or draining. */
  ReconnectNow: 4200,
  /** The client did not answer a ping in time. */
  PongNotReceived: 4201,
  /** The connection was closed after inactivity. */
  ClosedAfterInactivity: 4202,
  /** Herald: a message could not be understood (invalid JSON, unknown event, wrong field types). */
  InvalidMessage: 4300,
  /** A client event was dropped because the socket sent too many per second. */
  ClientEventRateLimited: 4301,
  /** Herald: a client event was rejected (disabled, wrong channel type, not subscribed). */
  ClientEventRejected: 4302,
  /** Herald: a message was larger than the app allows; the socket is closed afterwards. */
  MessageTooLarge: 4303,
} as const);

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Whether a code tells the client the connection is closing (4000–4299) rather than an error. */
export function isCloseCode(code: number): boolean {
  return code >= 4000 && code < 4300;
}
