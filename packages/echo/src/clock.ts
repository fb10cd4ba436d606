// Clock: the time source every timer in @herald/echo goes through, so timing is testable without sleeps.

/** An opaque timer handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = object | number;

/** The time source and timers used by the reconnector, the latency probe and the offline queue. */
export interface Clock {
  /** Milliseconds on a clock that only moves forward. */
  now(): number;
  setTimeout(fn: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The global timers and `Date.now()`. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimeout: (fn: () => void, delayMs: number): TimerHandle => globalThis.setTimeout(fn, delayMs),
  clearTimeout(handle: TimerHandle): void {
    globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]);
  },
});
