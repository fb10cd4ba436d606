// HeraldApiError: a refusal of the server API, the same status and message on HTTP and in-process.

/**
 * Why the server API refused a call. `status` and `message` are exactly what the HTTP API answers
 * for the same request (`{"error": message}` with that status), so one table of refusals serves
 * both: 400 bad input, 403 app disabled, 404 unknown app, 413 too large, 429 rate limited,
 * 503 overloaded or shutting down.
 *
 * @example
 * ```ts
 * try {
 *   await server.api.trigger('orders', 'order.shipped', order);
 * } catch (error) {
 *   if (error instanceof HeraldApiError && error.status === 503) retryLater();
 *   else throw error;
 * }
 * ```
 */
export class HeraldApiError extends Error {
  override readonly name = 'HeraldApiError';

  constructor(
    /** The HTTP status the HTTP API answers with. */
    readonly status: number,
    message: string,
    /** Headers the HTTP API adds (`retry-after` on 503, `x-ratelimit-*` on 429). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** Seconds to wait before retrying, when the refusal says (503 overloaded, 429). */
  get retryAfterSeconds(): number | undefined {
    const value = this.headers['retry-after'] ?? this.headers['x-ratelimit-reset'];
    return value === undefined ? undefined : Number(value);
  }
}
