// A Clock whose timers run only when the test says so, recording each requested delay.
import type { Clock } from '../../src/event-stream/clock';

export class ManualClock implements Clock {
  readonly delays: number[] = [];
  #pending = new Map<number, () => void>();
  #next = 1;

  setTimeout(callback: () => void, delayMs: number): unknown {
    const handle = this.#next++;
    this.delays.push(delayMs);
    this.#pending.set(handle, callback);
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle as number);
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Runs every timer pending now. */
  runAll(): void {
    const due = [...this.#pending.values()];
    this.#pending.clear();
    for (const callback of due) callback();
  }
}
