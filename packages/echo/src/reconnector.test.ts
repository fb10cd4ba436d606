import { describe, expect, it } from 'vitest';
import { ManualClock } from '../test/manual-clock';
import { createBackoff } from './backoff';
import { INITIAL_CONNECTION_STATUS, type ConnectionStatus } from './connection-status';
import { Reconnector } from './reconnector';
import { createStore } from './store';

function setup(random = () => 0.5) {
  const clock = new ManualClock();
  const calls: string[] = [];
  const status = createStore<ConnectionStatus>({
    ...INITIAL_CONNECTION_STATUS,
    downSince: clock.now(),
  });
  const reconnector = new Reconnector(
    { suspend: () => calls.push('suspend'), attempt: () => calls.push('attempt') },
    createBackoff({
      minDelayMs: 1000,
      maxDelayMs: 8000,
      longOutageMs: 60_000,
      slowDelayMs: 100_000,
      random,
    }),
    clock,
    status,
    { attemptTimeoutMs: 5000, unavailableAfterMs: 20_000 },
  );
  return { clock, calls, status, reconnector };
}

describe('Reconnector', () => {
  it('waits a jittered, growing delay before each attempt after a drop', () => {
    const { clock, calls, status, reconnector } = setup();
    reconnector.starting();
    reconnector.connected('1.1', 'ws');
    reconnector.lost();
    expect(calls).toEqual(['suspend']);
    expect(status.getSnapshot()).toMatchObject({
      state: 'reconnecting',
      attempt: 1,
      nextRetryAt: clock.now() + 500,
    });
    clock.advance(499);
    expect(calls).toEqual(['suspend']);
    clock.advance(1);
    expect(calls).toEqual(['suspend', 'attempt']);
    reconnector.attemptFailed();
    expect(status.getSnapshot()).toMatchObject({ attempt: 2, nextRetryAt: clock.now() + 1000 });
    clock.advance(1000);
    reconnector.attemptFailed();
    expect(status.getSnapshot()).toMatchObject({ attempt: 3, nextRetryAt: clock.now() + 2000 });
  });

  it('counts an attempt that never connects as failed after attemptTimeoutMs', () => {
    const { clock, status, reconnector } = setup();
    reconnector.starting();
    clock.advance(4999);
    expect(status.getSnapshot().attempt).toBe(0);
    clock.advance(1);
    expect(status.getSnapshot()).toMatchObject({ state: 'connecting', attempt: 1 });
    expect(status.getSnapshot().lastError?.message).toMatch(/timed out/);
  });

  it('keeps the timeout as lastError when the torn-down transport reports its close afterwards', () => {
    const { clock, status, reconnector } = setup();
    reconnector.starting();
    clock.advance(5000);
    // pusher-js's timeline reports the closed transport a microtask after the teardown.
    reconnector.attemptFailed({ code: null, message: 'transport closed', at: clock.now() });
    expect(status.getSnapshot().lastError?.message).toMatch(/timed out/);
    expect(status.getSnapshot().attempt).toBe(1);
  });

  it('retries at once on wake (online, page visible) instead of waiting', () => {
    const { calls, status, reconnector } = setup();
    reconnector.connected('1.1', 'ws');
    reconnector.lost();
    reconnector.wake();
    expect(calls).toEqual(['suspend', 'attempt']);
    expect(status.getSnapshot().nextRetryAt).toBeNull();
  });

  it('ignores repeated loss reports while a retry is pending', () => {
    const { calls, status, reconnector } = setup();
    reconnector.connected('1.1', 'ws');
    reconnector.lost();
    reconnector.lost();
    expect(calls).toEqual(['suspend']);
    expect(status.getSnapshot().attempt).toBe(1);
  });

  it('reads unavailable after a long outage and when offline, and slows down after longOutageMs', () => {
    const { clock, status, reconnector } = setup(() => 0.999999);
    reconnector.connected('1.1', 'ws');
    reconnector.lost();
    reconnector.setOnline(false);
    expect(status.getSnapshot().state).toBe('unavailable');
    reconnector.setOnline(true); // wakes: attempt now
    reconnector.attemptFailed();
    expect(status.getSnapshot().state).toBe('reconnecting');
    for (let i = 0; i < 20 && clock.now() - status.getSnapshot().downSince! < 60_000; i += 1) {
      clock.advance(status.getSnapshot().nextRetryAt! - clock.now());
      reconnector.attemptFailed();
    }
    const snapshot = status.getSnapshot();
    expect(snapshot.state).toBe('unavailable');
    expect(snapshot.nextRetryAt! - clock.now()).toBeGreaterThan(8000);
  });

  it('resets the attempt count on connect and stops for good on refusal', () => {
    const { clock, calls, status, reconnector } = setup();
    reconnector.connected('1.1', 'ws');
    reconnector.lost();
    clock.advance(500);
    reconnector.connected('1.2', 'ws');
    expect(status.getSnapshot()).toMatchObject({
      state: 'connected',
      attempt: 0,
      socketId: '1.2',
      downSince: null,
    });
    reconnector.refused({ code: 4001, message: 'unknown app', at: clock.now() });
    clock.advance(100_000);
    expect(status.getSnapshot()).toMatchObject({
      state: 'failed',
      nextRetryAt: null,
      lastError: { code: 4001 },
    });
    expect(calls).toEqual(['suspend', 'attempt']);
  });

  it('backs off after a 4100 close: never at once, and longer with each such close in a row', () => {
    const { clock, calls, status, reconnector } = setup(() => 0); // a plain loss would retry at once
    const slow = { code: 4100, message: 'Client is reading too slowly', at: clock.now() };
    reconnector.connected('1.1', 'ws');
    reconnector.lost();
    expect(status.getSnapshot().nextRetryAt).toBe(clock.now());
    clock.advance(0);
    reconnector.connected('1.2', 'ws');
    const waits: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      reconnector.backOff(slow);
      const { nextRetryAt, state, lastError } = status.getSnapshot();
      expect(state).toBe('reconnecting');
      expect(lastError?.code).toBe(4100);
      waits.push(nextRetryAt! - clock.now());
      clock.advance(nextRetryAt! - clock.now());
      reconnector.connected(`1.${String(i + 3)}`, 'ws');
    }
    // Half of min(8000, 1000 × 2^(n-1)) at least, though every reconnect in between succeeded.
    expect(waits).toEqual([500, 1000, 2000, 4000]);
    expect(calls.filter((c) => c === 'attempt')).toHaveLength(5);
  });

  it('starts a new back-off streak once a connection stayed up for backoffStreakResetMs', () => {
    const { clock, status, reconnector } = setup(() => 0);
    const slow = { code: 4100, message: 'slow', at: clock.now() };
    reconnector.connected('1.1', 'ws');
    reconnector.backOff(slow);
    clock.advance(500);
    reconnector.connected('1.2', 'ws');
    reconnector.backOff(slow);
    expect(status.getSnapshot().nextRetryAt! - clock.now()).toBe(1000);
    clock.advance(1000);
    reconnector.connected('1.3', 'ws');
    clock.advance(60_000);
    reconnector.backOff(slow);
    expect(status.getSnapshot().nextRetryAt! - clock.now()).toBe(500);
  });
});
