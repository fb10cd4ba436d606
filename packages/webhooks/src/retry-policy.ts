// Which failures are worth another attempt, and how long to wait before it.

/** Network errors, timeouts, 408, 429 and 5xx may pass on a later try; other 4xx will not. */
export function isRetryable(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

/** Exponential back-off with jitter: `base · 2^(attempt-1)`, capped, then scaled into [50%, 100%]. */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}
