import { describe, expect, it } from 'vitest';
import { frameFromText } from '../messages/frame';
import { ManualClock } from '../testing/manual-clock';
import { Broadcaster } from './broadcaster';
import type { Connection } from '../connections/connection';

function setup(chunkSize: number, subscriberCount: number) {
  const clock = new ManualClock();
  const log: Array<[number, string]> = [];
  const subscribers = new Set<Connection>();
  const ids = new Map<Connection, number>();
  for (let i = 0; i < subscriberCount; i++) {
    const conn = {} as Connection;
    ids.set(conn, i);
    subscribers.add(conn);
  }
  const broadcaster = new Broadcaster(clock, chunkSize, (conn, frame) =>
    log.push([ids.get(conn)!, frame.text]),
  );
  return { clock, log, subscribers, broadcaster };
}

describe('Broadcaster', () => {
  it('delivers a small fan-out at once, skipping the excluded socket', () => {
    const { log, subscribers, broadcaster } = setup(10, 3);
    const [first] = subscribers;
    broadcaster.broadcast(subscribers, frameFromText('a'), first);
    expect(log).toEqual([
      [1, 'a'],
      [2, 'a'],
    ]);
  });

  it('delivers one chunk now and the rest after yielding', () => {
    const { clock, log, subscribers, broadcaster } = setup(2, 5);
    broadcaster.broadcast(subscribers, frameFromText('a'));
    expect(log).toHaveLength(2);
    clock.flushDeferred();
    expect(log).toHaveLength(5);
  });

  it('keeps publish order for every socket while a large fan-out is queued', () => {
    const { clock, log, subscribers, broadcaster } = setup(2, 3);
    broadcaster.broadcast(subscribers, frameFromText('first'));
    broadcaster.broadcast(new Set([...subscribers].slice(0, 1)), frameFromText('second'));
    clock.flushDeferred();
    const forSocket0 = log.filter(([id]) => id === 0).map(([, text]) => text);
    expect(forSocket0).toEqual(['first', 'second']);
    expect(broadcaster.pendingJobs).toBe(0);
  });

  it('shares one frame object across all recipients', () => {
    const clock = new ManualClock();
    const seen = new Set<unknown>();
    const broadcaster = new Broadcaster(clock, 100, (_conn, frame) => seen.add(frame));
    broadcaster.broadcast(new Set([{} as Connection, {} as Connection]), frameFromText('x'));
    expect(seen.size).toBe(1);
  });

  it('counts queued deliveries node-wide and per backlog until the fan-out is done', () => {
    const { clock, subscribers, broadcaster } = setup(2, 5);
    const app = { queuedDeliveries: 0 };
    broadcaster.broadcast(subscribers, frameFromText('a'), undefined, app);
    expect(broadcaster.queuedDeliveries).toBe(3);
    expect(app.queuedDeliveries).toBe(3);
    broadcaster.broadcast(new Set([...subscribers].slice(0, 1)), frameFromText('b'));
    expect(broadcaster.queuedDeliveries).toBe(4);
    expect(app.queuedDeliveries).toBe(3);
    clock.flushDeferred();
    expect(broadcaster.queuedDeliveries).toBe(0);
    expect(app.queuedDeliveries).toBe(0);
  });

  it('releases the whole count when subscribers leave mid-fan-out', () => {
    const { clock, subscribers, broadcaster } = setup(2, 6);
    const app = { queuedDeliveries: 0 };
    broadcaster.broadcast(subscribers, frameFromText('a'), undefined, app);
    for (const conn of [...subscribers].slice(3)) subscribers.delete(conn);
    clock.flushDeferred();
    expect(broadcaster.queuedDeliveries).toBe(0);
    expect(app.queuedDeliveries).toBe(0);
  });
});
