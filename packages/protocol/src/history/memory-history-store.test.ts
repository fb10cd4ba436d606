import { describe, expect, it } from 'vitest';
import type { HistoryRetention } from '../contracts/history-store';
import { ManualClock } from '../testing/manual-clock';
import { MemoryHistoryStore } from './memory-history-store';

const retention: HistoryRetention = { maxEvents: 3, maxAgeMs: 10_000, maxAppBytes: 1_000_000 };

function setup() {
  const clock = new ManualClock();
  return { clock, store: new MemoryHistoryStore(clock) };
}

function appendMany(store: MemoryHistoryStore, channel: string, count: number, r = retention) {
  const serials: number[] = [];
  for (let i = 0; i < count; i++)
    serials.push(store.append('app', channel, { event: 'e', data: String(i) }, r));
  return serials;
}

describe('MemoryHistoryStore', () => {
  it('numbers the events of a channel one by one, starting from the clock in microseconds', () => {
    const { clock, store } = setup();
    const serials = appendMany(store, 'c', 3);
    expect(serials).toEqual([1, 2, 3].map((n) => clock.now() * 1000 + n));
  });

  it('answers the events after a serial, oldest first, with no gap', () => {
    const { store } = setup();
    const [s1, , s3] = appendMany(store, 'c', 3);
    const read = store.read('app', 'c', s1, 10);
    expect(read.gap).toBeUndefined();
    expect(read.latestSerial).toBe(s3);
    expect(read.events.map((e) => e.data)).toEqual(['1', '2']);
  });

  it('answers nothing missed when asked from the newest serial', () => {
    const { store } = setup();
    const serials = appendMany(store, 'c', 2);
    const read = store.read('app', 'c', serials[1], 10);
    expect(read).toEqual({ events: [], latestSerial: serials[1], gap: undefined });
  });

  it('reports an overflow once events after the serial were pushed out by maxEvents', () => {
    const { store } = setup();
    const [s1] = appendMany(store, 'c', 5);
    const read = store.read('app', 'c', s1, 10);
    expect(read.gap).toBe('overflowed');
    expect(read.events).toEqual([]);
  });

  it('keeps the newest maxEvents and can still close a gap inside them', () => {
    const { store } = setup();
    const serials = appendMany(store, 'c', 5);
    const read = store.read('app', 'c', serials[1], 10);
    expect(read.gap).toBeUndefined();
    expect(read.events.map((e) => e.data)).toEqual(['2', '3', '4']);
  });

  it('reports expiry once events after the serial are older than maxAgeMs', () => {
    const { clock, store } = setup();
    const [s1] = appendMany(store, 'c', 2);
    clock.advance(10_000);
    const read = store.read('app', 'c', s1! - 1, 10);
    expect(read.gap).toBe('expired');
  });

  it('carries the numbering on after every event expired, so old serials still read as a gap', () => {
    const { clock, store } = setup();
    const [s1, s2] = appendMany(store, 'c', 2);
    clock.advance(10_000);
    const [s3] = appendMany(store, 'c', 1);
    expect(s3).toBe(s2! + 1);
    expect(store.read('app', 'c', s1, 10).gap).toBe('expired');
    expect(store.read('app', 'c', s2, 10).events.map((e) => e.serial)).toEqual([s3]);
  });

  it('reads a serial it never gave out as unknown', () => {
    const { store } = setup();
    const serials = appendMany(store, 'c', 2);
    expect(store.read('app', 'c', serials[1]! + 5, 10).gap).toBe('unknown');
    expect(store.read('app', 'c', 42, 10).gap).toBe('unknown');
    expect(store.read('app', 'other', 42, 10).gap).toBe('unknown');
  });

  it('reads a serial from a previous process as unknown, not as a place in the new numbering', () => {
    const { clock, store } = setup();
    const [old] = appendMany(store, 'c', 1);
    clock.advance(5);
    const restarted = new MemoryHistoryStore(clock);
    appendMany(restarted, 'c', 3);
    expect(restarted.read('app', 'c', old, 10).gap).toBe('unknown');
  });

  it('gives a channel without history a position that covers its first events', () => {
    const { clock, store } = setup();
    const empty = store.read('app', 'c', undefined, 10);
    expect(empty.events).toEqual([]);
    clock.advance(1);
    const serials = appendMany(store, 'c', 2);
    const read = store.read('app', 'c', empty.latestSerial, 10);
    expect(read.gap).toBeUndefined();
    expect(read.events.map((e) => e.serial)).toEqual(serials);
  });

  it('drops the oldest events of the whole app once maxAppBytes is spent, and counts them', () => {
    const { store } = setup();
    const tight = { ...retention, maxEvents: 100, maxAppBytes: 300 };
    const [a1] = appendMany(store, 'a', 2, tight);
    appendMany(store, 'b', 3, tight);
    const usage = store.usage('app');
    expect(usage.bytes).toBeLessThanOrEqual(300);
    expect(usage.events).toBeLessThan(5);
    expect(store.read('app', 'a', a1! - 1, 10).gap).toBe('overflowed');
    expect(store.read('app', 'b', undefined, 10).events).toHaveLength(3);
  });

  it('forgets channels whose events expired a max age ago, and releases their memory', () => {
    const { clock, store } = setup();
    const [s1] = appendMany(store, 'c', 2);
    clock.advance(10_000);
    store.sweep();
    expect(store.usage('app')).toEqual({ channels: 0, events: 0, bytes: 0 });
    clock.advance(10_000);
    store.sweep();
    // Forgotten: the old serial is now below the app's horizon.
    expect(store.read('app', 'c', s1, 10).gap).toBe('unknown');
  });

  it('keeps client event data and user ids as given', () => {
    const { store } = setup();
    const serial = store.append(
      'app',
      'c',
      { event: 'client-typing', data: { on: true }, userId: 'u1' },
      retention,
    );
    const read = store.read('app', 'c', serial - 1, 10);
    expect(read.events).toEqual([
      { serial, event: 'client-typing', data: { on: true }, userId: 'u1' },
    ]);
  });

  it('answers at most limit events', () => {
    const { store } = setup();
    appendMany(store, 'c', 3);
    expect(store.read('app', 'c', undefined, 2).events).toHaveLength(2);
  });
});
