// Clock: the timer seam, injected so retry backoff and heartbeats are testable without sleeps.

/**
 * Timers as Herald uses them; structurally compatible with `@herald/protocol`'s `Clock`.
 */
export interface Clock {
  /** Runs `callback` once after `delayMs`; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, delayMs: number): unknown;
  /** Cancels a pending `setTimeout`. */
  clearTimeout(handle: unknown): void;
}

/** The real clock, on the global timers. */
export const systemClock: Clock = Object.freeze({
  setTimeout: (callback: () => void, delayMs: number): unknown =>
    globalThis.setTimeout(callback, delayMs),
  clearTimeout: (handle: unknown): void =>
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
});
