// Exponential backoff for event-stream reconnects.

/** How useEventStream reconnects after an error or a dropped connection. */
export interface RetryOptions {
  /**
   * Delay before the first reconnect; a `retry:` field from the server replaces it.
   * @default 1000
   */
  initialDelayMs?: number;
  /**
   * Upper bound of any delay.
   * @default 30000
   */
  maxDelayMs?: number;
  /**
   * Each consecutive failure multiplies the delay by this.
   * @default 2
   */
  multiplier?: number;
  /**
   * Consecutive failed attempts after which the stream gives up and closes.
   * @default Infinity
   */
  maxAttempts?: number;
  /**
   * Randomise each delay between 50% and 100% of its value, so clients dropped together do not
   * return together.
   * @default true
   */
  jitter?: boolean;
}

/** Default values of {@link RetryOptions}. */
export const retryDefaults: Readonly<Required<RetryOptions>> = Object.freeze({
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  multiplier: 2,
  maxAttempts: Number.POSITIVE_INFINITY,
  jitter: true,
});

/**
 * The delay before reconnect number `attempt` (0 for the first):
 * `min(maxDelayMs, initialDelayMs * multiplier ** attempt)`, optionally jittered.
 *
 * @example
 * ```ts
 * backoffDelayMs(3, { jitter: false }); // 8000
 * ```
 */
export function backoffDelayMs(
  attempt: number,
  options: RetryOptions = {},
  random: () => number = Math.random,
): number {
  const { initialDelayMs, maxDelayMs, multiplier, jitter } = { ...retryDefaults, ...options };
  const delay = Math.min(maxDelayMs, initialDelayMs * multiplier ** attempt);
  return jitter ? Math.round(delay * (0.5 + random() / 2)) : delay;
}
