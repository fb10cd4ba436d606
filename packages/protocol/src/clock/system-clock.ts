// The default Clock: global timers, unref'd so the core never holds a process open on its own.
import type { Clock, TimerHandle } from '../contracts/clock';

type Unrefable = { unref?: () => void };

const unref = <T>(handle: T): T => {
  (handle as Unrefable).unref?.();
  return handle;
};

// setImmediate runs after pending I/O in Node and Bun; queueMicrotask would not yield at all.
const defer: (fn: () => void) => void =
  typeof setImmediate === 'function'
    ? (fn) => void setImmediate(fn)
    : (fn) => void setTimeout(fn, 0);

/** Global timers as a {@link Clock}. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number): TimerHandle => unref(setTimeout(fn, ms)),
  clearTimeout: (handle: TimerHandle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  setInterval: (fn: () => void, ms: number): TimerHandle => unref(setInterval(fn, ms)),
  clearInterval: (handle: TimerHandle) => clearInterval(handle as ReturnType<typeof setInterval>),
  defer,
});
