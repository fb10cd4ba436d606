import { describe, expect, it } from 'vitest';
import type { MessageBatch } from '../relay-wire';
import type { Clock } from './clock';
import { Outbox, type OutboxOptions } from './outbox';

/** Time that moves only when the test says so. */
class ManualClock implements Clock {
  #now = 0;
  #nextId = 1;
  #timers = new Map<number, { at: number; fn: () => void }>();
  now = () => this.#now;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + ms, fn });
    return id;
  };
  clearTimeout = (id: unknown) => void this.#timers.delete(id as number);
  /** Runs every timer due within `ms`, letting the outbox's promises settle after each. */
  async advance(ms: number): Promise<void> {
    const until = this.#now + ms;
    for (;;) {
      await settle();
      const due = [...this.#timers]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].fn();
    }
    this.#now = until;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

/** An outbox whose POSTs the test answers: `fail` makes the next ones reject. */
function setUp(options: OutboxOptions = {}) {
  const clock = new ManualClock();
  const batches: MessageBatch[] = [];
  const state = { isFailing: false, drops: [] as number[], retries: [] as number[] };
  const outbox = new Outbox(
    'run-1',
    (batch) => {
      if (state.isFailing) return Promise.reject(new Error('app down'));
      batches.push(structuredClone(batch));
      return Promise.resolve();
    },
    { clock, ...options },
    {
      onDrop: (count) => state.drops.push(count),
      onRetry: (_error, attempt) => state.retries.push(attempt),
    },
  );
  const seqs = () => batches.map((batch) => batch.messages.map((m) => m.seq));
  return { clock, outbox, batches, state, seqs };
}

describe('Outbox', () => {
  it('sends what was written within 200 ms as one batch', async () => {
    const { clock, outbox, seqs } = setUp();
    outbox.push('a');
    await clock.advance(100);
    outbox.push('b');
    await clock.advance(99);
    expect(seqs()).toEqual([]);
    await clock.advance(1);
    expect(seqs()).toEqual([[1, 2]]);
  });

  it('splits batches at maxBatchMessages and maxBatchBytes', async () => {
    const { clock, outbox, seqs } = setUp({ maxBatchMessages: 3, maxBatchBytes: 200 });
    for (let i = 0; i < 5; i += 1) outbox.push('x');
    await clock.advance(200);
    outbox.push('y'.repeat(150));
    outbox.push('z'.repeat(150));
    await clock.advance(1000);
    expect(seqs()).toEqual([[1, 2, 3], [4, 5], [6], [7]]);
  });

  it('flushes a priority message at once, after everything written before it', async () => {
    const { clock, outbox, seqs } = setUp();
    outbox.push('a');
    outbox.push('b');
    outbox.push('reply', true);
    await clock.advance(0);
    expect(seqs()).toEqual([[1, 2, 3]]);
  });

  it('retries a failed POST with growing back-off and keeps the order', async () => {
    const { clock, outbox, state, seqs } = setUp();
    state.isFailing = true;
    outbox.push('a');
    await clock.advance(200);
    outbox.push('b');
    await clock.advance(20_000);
    expect(state.retries.length).toBeGreaterThan(3);
    outbox.push('c', true);
    state.isFailing = false;
    await clock.advance(5000);
    expect(seqs().flat()).toEqual([1, 2, 3]);
    expect(outbox.pendingCount).toBe(0);
  });

  it('drops the oldest when the buffer is full, and tells the app how many', async () => {
    const { clock, outbox, state, batches } = setUp({ maxBufferedMessages: 3 });
    state.isFailing = true;
    for (let i = 0; i < 5; i += 1) outbox.push(`m${i + 1}`);
    expect(state.drops).toEqual([1, 1]);
    expect(outbox.droppedCount).toBe(2);
    state.isFailing = false;
    await clock.advance(10_000);
    expect(batches.flatMap((b) => b.messages.map((m) => m.seq))).toEqual([3, 4, 5]);
    expect(batches[0]!.droppedCount).toBe(2);
  });

  it('resolves drain once everything queued is sent', async () => {
    const { clock, outbox, seqs } = setUp();
    outbox.push('a');
    const drained = outbox.drain(1000);
    await clock.advance(0);
    expect(await drained).toBe(true);
    expect(seqs()).toEqual([[1]]);
  });
});
