// Client-event pacer: keeps a socket's whispers under the server's per-second limit, so none are dropped there.
import type { Clock } from './clock';

/** How fast client events (whispers) may leave one socket. */
export interface ClientEventRateOptions {
  /**
   * Client events sent per second at most; match the server's `limits.maxClientEventsPerSecond`
   * (Herald and Pusher: 10). `0` turns pacing off.
   * @default 10
   */
  maxPerSecond?: number;
  /**
   * Milliseconds added to each one-second window. Events leave at the client's pace but arrive at
   * the server's: a little slack keeps network jitter from squeezing one too many into the
   * server's second.
   * @default 100
   */
  marginMs?: number;
}

/** Defaults for {@link ClientEventRateOptions}. */
export const CLIENT_EVENT_RATE_DEFAULTS = Object.freeze({ maxPerSecond: 10, marginMs: 100 });

/** A sliding-window limiter over the echo's clock. */
export interface ClientEventPacer {
  /** Milliseconds until the next event may be sent; `0` means now. */
  waitMs(): number;
  /** Counts one event sent now. */
  record(): void;
}

/**
 * Creates a {@link ClientEventPacer}: at most `maxPerSecond` events in any window of
 * `1000 + marginMs` milliseconds. A sliding window is stricter than the server's fixed one (which
 * starts at the first event after a quiet second), so whatever it lets through the server accepts.
 * @throws TypeError when a bound is negative or not a number.
 */
export function createClientEventPacer(
  clock: Clock,
  options: ClientEventRateOptions = {},
): ClientEventPacer {
  const maxPerSecond = options.maxPerSecond ?? CLIENT_EVENT_RATE_DEFAULTS.maxPerSecond;
  const marginMs = options.marginMs ?? CLIENT_EVENT_RATE_DEFAULTS.marginMs;
  if (!(maxPerSecond >= 0) || !(marginMs >= 0)) {
    throw new TypeError('clientEventRate: maxPerSecond and marginMs must be numbers >= 0');
  }
  const windowMs = 1000 + marginMs;
  // Send times still inside the window, oldest first; never longer than maxPerSecond.
  const sentAt: number[] = [];

  const forget = (now: number): void => {
    while (sentAt.length > 0 && sentAt[0]! <= now - windowMs) sentAt.shift();
  };

  return {
    waitMs() {
      if (maxPerSecond === 0) return 0;
      const now = clock.now();
      forget(now);
      if (sentAt.length < maxPerSecond) return 0;
      return sentAt[0]! + windowMs - now;
    },
    record() {
      if (maxPerSecond === 0) return;
      const now = clock.now();
      forget(now);
      sentAt.push(now);
      if (sentAt.length > maxPerSecond) sentAt.shift();
    },
  };
}
