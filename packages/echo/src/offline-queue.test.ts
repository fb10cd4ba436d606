import { describe, expect, it } from 'vitest';
import { ManualClock } from '../test/manual-clock';
import { createOfflineQueue, type ClientEventDropReason } from './offline-queue';

describe('OfflineQueue', () => {
  const item = (clock: ManualClock, n: number, channel = 'private-a') => ({
    channel,
    event: 'client-x',
    data: n,
    queuedAt: clock.now(),
  });

  it('drops the oldest on overflow and reports it', () => {
    const clock = new ManualClock();
    const drops: [unknown, ClientEventDropReason][] = [];
    const queue = createOfflineQueue(clock, {
      maxMessages: 2,
      onDrop: (e, r) => drops.push([e.data, r]),
    });
    for (const n of [1, 2, 3]) queue.enqueue(item(clock, n));
    expect(drops).toEqual([[1, 'overflow']]);
    expect(queue.getSnapshot()).toEqual({ size: 2, droppedCount: 1 });
  });

  it('expires events older than maxAgeMs on its own timer', () => {
    const clock = new ManualClock();
    const drops: [unknown, ClientEventDropReason][] = [];
    const queue = createOfflineQueue(clock, {
      maxAgeMs: 1000,
      onDrop: (e, r) => drops.push([e.data, r]),
    });
    queue.enqueue(item(clock, 1));
    clock.advance(500);
    queue.enqueue(item(clock, 2));
    clock.advance(500);
    expect(drops).toEqual([[1, 'expired']]);
    clock.advance(500);
    expect(drops).toEqual([
      [1, 'expired'],
      [2, 'expired'],
    ]);
    expect(queue.getSnapshot()).toEqual({ size: 0, droppedCount: 2 });
  });

  it('flushes one channel in order and keeps the rest from the first refusal on', () => {
    const clock = new ManualClock();
    const queue = createOfflineQueue(clock);
    for (const n of [1, 2, 3]) queue.enqueue(item(clock, n));
    queue.enqueue(item(clock, 9, 'private-b'));
    const sent: unknown[] = [];
    expect(
      queue.flush('private-a', (e) => (e.data === 3 ? false : (sent.push(e.data), true))),
    ).toBe(2);
    expect(sent).toEqual([1, 2]);
    expect(queue.getSnapshot().size).toBe(2);
    expect(queue.flush('private-a', (e) => (sent.push(e.data), true))).toBe(1);
    expect(sent).toEqual([1, 2, 3]);
  });

  it('counts volatile drops and survives a throwing callback', () => {
    const clock = new ManualClock();
    const queue = createOfflineQueue(clock, {
      onDrop: () => {
        throw new Error('boom');
      },
    });
    queue.drop(item(clock, 1), 'volatile');
    expect(queue.getSnapshot()).toEqual({ size: 0, droppedCount: 1 });
  });

  it('drains every channel in order, keeping a blocked channel and everything after a stop', () => {
    const clock = new ManualClock();
    const queue = createOfflineQueue(clock);
    for (const [n, channel] of [
      [1, 'a'],
      [2, 'b'],
      [3, 'a'],
      [4, 'c'],
      [5, 'c'],
      [6, 'a'],
    ] as const) {
      queue.enqueue(item(clock, n, channel));
    }
    const sent: unknown[] = [];
    const drained = queue.drain((e) => {
      if (e.channel === 'b') return 'blocked';
      if (e.data === 5) return 'stop';
      sent.push(e.data);
      return 'sent';
    });
    expect(drained).toBe(3);
    expect(sent).toEqual([1, 3, 4]);
    expect(queue.has('a')).toBe(true); // 6 is after the stop
    expect(queue.has('b')).toBe(true);
    queue.drain((e) => (sent.push(e.data), 'sent'));
    expect(sent).toEqual([1, 3, 4, 2, 5, 6]);
    expect(queue.getSnapshot()).toEqual({ size: 0, droppedCount: 0 });
    expect(queue.has('a')).toBe(false);
  });
});
