// Backoff: exponential retry delays with full jitter and a slower tier after a long outage.

/** Retry timing for {@link createEcho}'s reconnector. */
export interface BackoffOptions {
  /**
   * Ceiling of the first retry's delay, in milliseconds.
   * @default 1000
   */
  minDelayMs?: number;
  /**
   * Largest ceiling while the outage is short, in milliseconds.
   * @default 30000
   */
  maxDelayMs?: number;
  /**
   * Growth of the ceiling per failed attempt.
   * @default 2
   */
  factor?: number;
  /**
   * How long an outage lasts before retries move to the slow tier, in milliseconds.
   * @default 300000
   */
  longOutageMs?: number;
  /**
   * Ceiling of each delay in the slow tier, in milliseconds.
   * @default 120000
   */
  slowDelayMs?: number;
  /** Random source in [0, 1); tests pass their own. @default Math.random */
  random?: () => number;
}

/** Defaults for every field of {@link BackoffOptions}. */
export const BACKOFF_DEFAULTS = Object.freeze({
  minDelayMs: 1000,
  maxDelayMs: 30_000,
  factor: 2,
  longOutageMs: 5 * 60_000,
  slowDelayMs: 120_000,
});

/** Computes retry delays; pure apart from the random source. */
export interface Backoff {
  /** The ceiling for `attempt` (1-based) after an outage of `outageMs`. */
  ceilingMs(attempt: number, outageMs: number): number;
  /** A delay drawn uniformly from [0, ceiling): "full jitter", so clients spread out after a restart. */
  delayMs(attempt: number, outageMs: number): number;
}

/** Creates a {@link Backoff}; throws `TypeError` on options that cannot work. */
export function createBackoff(options: BackoffOptions = {}): Backoff {
  const { minDelayMs, maxDelayMs, factor, longOutageMs, slowDelayMs } = {
    ...BACKOFF_DEFAULTS,
    ...stripUndefined(options),
  };
  const random = options.random ?? Math.random;
  if (!(minDelayMs > 0) || !(maxDelayMs >= minDelayMs)) {
    throw new TypeError('backoff: need 0 < minDelayMs <= maxDelayMs');
  }
  if (!(factor >= 1)) throw new TypeError('backoff: factor must be >= 1');
  const ceilingMs = (attempt: number, outageMs: number): number => {
    if (outageMs >= longOutageMs) return Math.max(slowDelayMs, maxDelayMs);
    const exponent = Math.max(0, attempt - 1);
    return Math.min(maxDelayMs, minDelayMs * factor ** exponent);
  };
  return {
    ceilingMs,
    delayMs: (attempt, outageMs) => Math.floor(random() * ceilingMs(attempt, outageMs)),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
