// ManualClock: a Clock whose time moves only when a test says so.
import type { Clock, TimerHandle } from '../contracts/clock';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
  everyMs: number | undefined;
}

/** Timers fire inside `advance()` in time order; `defer` callbacks run on `flushDeferred()`. */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();
  private deferred: Array<() => void> = [];

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.add(fn, ms, undefined);
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.add(fn, ms, Math.max(1, ms));
  }

  clearInterval(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  defer(fn: () => void): void {
    this.deferred.push(fn);
  }

  /** Timers scheduled and not yet fired or cleared (intervals count while active). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Runs deferred callbacks until none are left (including ones they schedule). */
  flushDeferred(): void {
    while (this.deferred.length > 0) {
      const batch = this.deferred;
      this.deferred = [];
      for (const fn of batch) fn();
    }
  }

  /** Moves time forward by `ms`, firing due timers in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.timers.values())
        if (timer.at <= target && (!next || timer.at < next.at)) next = timer;
      if (!next) break;
      this.current = next.at;
      if (next.everyMs === undefined) this.timers.delete(next.id);
      else next.at += next.everyMs;
      next.fn();
    }
    this.current = target;
  }

  private add(fn: () => void, ms: number, everyMs: number | undefined): number {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.current + Math.max(0, ms), fn, everyMs });
    return id;
  }
}
