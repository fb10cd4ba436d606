import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecoveryOutcome } from '../src';
import { echoFor } from './echo-harness';
import { APP, HeraldUnderTest } from './test-server';
import { waitFor } from './wait-for';

const RECOVERING_APP = { ...APP, recovery: { channels: ['orders.'], maxEvents: 20 } };

describe('resuming resumable channels', () => {
  let herald: HeraldUnderTest;
  beforeEach(async () => {
    herald = new HeraldUnderTest({ apps: [RECOVERING_APP] });
    await herald.start();
  });
  afterEach(async () => {
    await herald.stop();
  });

  async function leaseOn(channel: string) {
    const echo = echoFor(herald, undefined);
    const lease = echo.channels.acquire(channel);
    const received: number[] = [];
    const outcomes: RecoveryOutcome[] = [];
    lease.listen('.order.updated', (e) => received.push((e as { n: number }).n));
    lease.onRecovery((outcome) => outcomes.push(outcome));
    await waitFor(() => echo.recovery?.serialOf(channel) !== undefined, {
      what: 'first subscription',
    });
    return { echo, lease, received, outcomes };
  }

  async function publish(channel: string, from: number, to: number): Promise<void> {
    for (let n = from; n < to; n++) await herald.api().trigger(channel, 'order.updated', { n });
  }

  it('replays what was missed through the listeners, in order, once, then reports recovered', async () => {
    const { echo, received, outcomes } = await leaseOn('orders.1');
    await publish('orders.1', 0, 2);
    await waitFor(() => received.length === 2);
    echo.disconnect();
    await waitFor(() => echo.status.getSnapshot().state === 'disconnected');
    await publish('orders.1', 2, 12);
    echo.connect();
    await waitFor(() => outcomes.length === 1, { what: 'the recovery outcome' });
    expect(outcomes).toEqual([{ recovered: true, missed: 10 }]);
    // By the time onRecovery runs, the missed events went through the listeners.
    expect(received).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    await publish('orders.1', 12, 13);
    await waitFor(() => received.length === 13);
    expect(received).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('reports recovered: false after a server restart, so the app refetches', async () => {
    const { received, outcomes } = await leaseOn('orders.1');
    await herald.stop();
    await herald.start();
    await waitFor(() => outcomes.length === 1, { what: 'the recovery outcome', timeoutMs: 8000 });
    expect(outcomes).toEqual([{ recovered: false, missed: 0, reason: 'unknown' }]);
    expect(received).toEqual([]);
  });

  it('reports an overflow when more was missed than the server keeps', async () => {
    const { echo, received, outcomes } = await leaseOn('orders.1');
    echo.disconnect();
    await waitFor(() => echo.status.getSnapshot().state === 'disconnected');
    await publish('orders.1', 0, 21);
    echo.connect();
    await waitFor(() => outcomes.length === 1);
    expect(outcomes).toEqual([{ recovered: false, missed: 0, reason: 'overflowed' }]);
    expect(received).toEqual([]);
  });

  it('stops reporting to a lease once it is released', async () => {
    const { echo, lease, outcomes } = await leaseOn('orders.1');
    const other = echo.channels.acquire('orders.1');
    lease.release();
    echo.disconnect();
    await waitFor(() => echo.status.getSnapshot().state === 'disconnected');
    echo.connect();
    const seen: RecoveryOutcome[] = [];
    other.onRecovery((outcome) => seen.push(outcome));
    await waitFor(() => seen.length === 1);
    expect(outcomes).toEqual([]);
  });

  it('never reports on a channel that is not resumable', async () => {
    const echo = echoFor(herald, undefined);
    const lease = echo.channels.acquire('news');
    const outcomes: RecoveryOutcome[] = [];
    lease.onRecovery((outcome) => outcomes.push(outcome));
    await waitFor(() => herald.subscribeCount('news') === 1);
    echo.disconnect();
    await waitFor(() => echo.status.getSnapshot().state === 'disconnected');
    echo.connect();
    await waitFor(() => herald.subscribeCount('news') === 2);
    expect(outcomes).toEqual([]);
    expect(echo.recovery?.serialOf('news')).toBeUndefined();
  });
});
