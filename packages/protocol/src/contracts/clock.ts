// Clock seam: every timer the core uses comes through here, so tests can drive time by hand.

/** Handle returned by the clock's timer functions. */
export type TimerHandle = unknown;

/**
 * Time source and timers. The default uses the global timers; tests inject a manual clock.
 * Timers created by the core never keep a process alive on their own (`unref` where possible).
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
  /** Runs `fn` after pending I/O, so long work can yield to the event loop. */
  defer(fn: () => void): void;
}
