// Options of the HTTP fallback transports (xhr_streaming, xhr_polling).

/** How a server serves pusher-js's HTTP fallback transports. */
export interface HttpFallbackOptions {
  /**
   * The prefix pusher-js's `httpPath` names; sessions live under `{path}/app/{key}/...`.
   * @default '/pusher'
   */
  path?: string;
  /**
   * How often an open receive request gets an `h` frame: a streaming response carries it, an idle
   * poll is answered with it. Keep it below pusher-js's activity timeout and any proxy idle timeout.
   * @default 25000
   */
  heartbeatMs?: number;
  /**
   * How long a session lives with no receive request open before it is closed (the core sees a
   * normal close, so presence members leave and webhooks fire). Also how long a closed session
   * keeps its close frame for the client's next request.
   * @default 10000
   */
  sessionTimeoutMs?: number;
  /**
   * Largest `xhr_send` body read; a larger one is answered 413.
   * @default 1048576
   */
  maxSendBodyBytes?: number;
}

/** Defaults of {@link HttpFallbackOptions}. */
export const HTTP_FALLBACK_DEFAULTS = Object.freeze({
  path: '/pusher',
  heartbeatMs: 25_000,
  sessionTimeoutMs: 10_000,
  maxSendBodyBytes: 1024 * 1024,
});
