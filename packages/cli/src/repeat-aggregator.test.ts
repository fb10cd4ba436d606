import { Writable } from 'node:stream';
import { ManualClock } from '@herald/protocol/testing';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { createRepeatAggregator } from './repeat-aggregator';

function aggregator(options: { maxKinds?: number } = {}) {
  const lines: string[] = [];
  const destination = new Writable({
    write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()),
  });
  const clock = new ManualClock();
  const repeats = createRepeatAggregator(
    createLogger({ level: 'info', format: 'json', destination }),
    { clock, intervalMs: 1000, ...options },
  );
  return {
    repeats,
    clock,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createRepeatAggregator', () => {
  it('bounds a steady flood to one line per interval, each with the repeats since the last', () => {
    const { repeats, clock, records } = aggregator();
    // 100 lines per second for 10 seconds.
    for (let second = 0; second < 10; second++) {
      for (let i = 0; i < 100; i++)
        repeats.log(['refused', 'a'], 'warn', { event: 'refused', n: second * 100 + i }, 'refused');
      clock.advance(1000);
    }
    clock.advance(1000);
    expect(records()).toHaveLength(11);
    expect(
      records()
        .slice(1)
        .map((r) => r.repeated),
    ).toEqual([99, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    // A summary carries the fields of the latest repeat.
    expect(records()[10]).toMatchObject({ n: 999, intervalMs: 1000 });
    expect(clock.pendingTimers).toBe(0);
  });

  it('folds kinds past maxKinds into one overflow kind per event', () => {
    const { repeats, clock, records } = aggregator({ maxKinds: 2 });
    for (let i = 0; i < 50; i++)
      repeats.log(['refused', `app-${i}`], 'warn', { event: 'refused', app: i }, 'refused');
    clock.advance(1000);
    expect(records().map((r) => [r.app, r.repeated])).toEqual([
      [0, undefined],
      [1, undefined],
      [2, undefined],
      [49, 47],
    ]);
  });
});
