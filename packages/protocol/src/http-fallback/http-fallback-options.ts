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
  /**
   * This node's own host name, as clients reach it directly (`node-2.ws.example.com`; no port, no
   * scheme). When set, a new session's open frame names it and pusher-js sends every later request
   * of that session (polls, `xhr_send`, a reopened stream) there, on the same scheme and port, so a
   * round-robin load balancer needs no sticky sessions for the fallback. Give each node its own.
   * @default undefined (no rebinding: the balancer must keep a session's requests on one node)
   * @see docs/scaling.md, "HTTP fallback behind a load balancer"
   */
  hostname?: string;
}

/** Defaults of {@link HttpFallbackOptions}. */
export const HTTP_FALLBACK_DEFAULTS = Object.freeze({
  path: '/pusher',
  heartbeatMs: 25_000,
  sessionTimeoutMs: 10_000,
  maxSendBodyBytes: 1024 * 1024,
});
