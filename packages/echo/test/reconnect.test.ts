import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../src';
import { echoFor } from './echo-harness';
import { AppUnderTest, HeraldUnderTest } from './test-server';
import { waitFor } from './wait-for';

describe('reconnecting across a server restart on the same port', () => {
  let herald: HeraldUnderTest;
  let app: AppUnderTest;
  beforeEach(async () => {
    herald = new HeraldUnderTest();
    await herald.start();
    app = new AppUnderTest(herald);
    await app.start();
  });
  afterEach(async () => {
    await app.stop();
    await herald.stop();
  });

  it('reconnects with backoff, reports each attempt, and resubscribes every channel', async () => {
    const echo = echoFor(herald, app, { backoff: { minDelayMs: 100, maxDelayMs: 400 } });
    const states: ConnectionStatus[] = [];
    echo.status.subscribe(() => states.push(echo.status.getSnapshot()));
    echo.channels.acquire('news');
    echo.channels.acquire('orders', 'private');
    await waitFor(
      () => herald.subscribeCount('news') === 1 && herald.subscribeCount('private-orders') === 1,
    );
    const firstSocket = echo.socketId();

    await herald.stop();
    // Refused connections fail each attempt at once, so attempts climb while the server is down.
    await waitFor(() => echo.status.getSnapshot().attempt >= 3, { what: 'three attempts' });
    const down = echo.status.getSnapshot();
    expect(down.state).toBe('reconnecting');
    expect(down.socketId).toBeNull();
    expect(echo.socketId()).toBeUndefined();
    await herald.start();

    await waitFor(
      () => herald.subscribeCount('news') === 2 && herald.subscribeCount('private-orders') === 2,
      {
        what: 'resubscription',
      },
    );
    const up = await waitFor(() =>
      echo.status.getSnapshot().state === 'connected' ? echo.status.getSnapshot() : undefined,
    );
    expect(up.attempt).toBe(0);
    expect(up.socketId).not.toBe(firstSocket);
    const waits = states.filter((s) => s.state === 'reconnecting' && s.nextRetryAt !== null);
    expect(waits.length).toBeGreaterThanOrEqual(3);
    for (const s of waits) {
      // Full jitter: each wait lies within [0, min(max, min * 2^(attempt-1))). Measured here from the
      // error, so a loaded machine's scheduling delay adds to it: the exact bound is proven on a
      // manual clock in src/reconnector.test.ts; this only shows the waits stay backoff-sized.
      const ceiling = Math.min(400, 100 * 2 ** (s.attempt - 1));
      expect(s.nextRetryAt! - (s.lastError?.at ?? 0)).toBeLessThanOrEqual(ceiling + 100);
    }
    expect(app.authRequests('private-orders')).toHaveLength(2);
  });

  it('reconciles presence: members gone while away leave, newcomers join', async () => {
    const alice = echoFor(herald, app, { userId: 'alice' });
    const bob = echoFor(herald, app, { userId: 'bob' });
    const aliceRoom = alice.channels.acquire('room', 'presence');
    bob.channels.acquire('room', 'presence');
    const roster = aliceRoom.roster!;
    await waitFor(() => roster.getSnapshot().count === 2, { what: 'alice sees bob' });
    expect(roster.getSnapshot().me?.id).toBe('alice');
    const joined: string[] = [];
    const left: string[] = [];
    roster.onJoining((m) => joined.push(m.id));
    roster.onLeaving((m) => left.push(m.id));

    await herald.stop();
    bob.disconnect(); // bob leaves while alice is away
    await waitFor(() => !roster.getSnapshot().isSynced, { what: 'stale roster' });
    expect(roster.getSnapshot().count).toBe(2); // the last known roster is kept while away
    await herald.start();
    const carol = echoFor(herald, app, { userId: 'carol' });
    carol.channels.acquire('room', 'presence');
    await waitFor(
      () => herald.subscribeCount('presence-room') >= 1 && roster.getSnapshot().isSynced,
      { what: 'resync' },
    );
    await waitFor(() => roster.getSnapshot().members.has('carol'), { what: 'carol' });
    expect([...roster.getSnapshot().members.keys()].sort()).toEqual(['alice', 'carol']);
    expect(left).toEqual(['bob']);
    expect(joined).toEqual(['carol']);
  });

  it('queues whispers while down and flushes them in order after resubscribing', async () => {
    const sender = echoFor(herald, app, { userId: 'sender' });
    const receiver = echoFor(herald, app, { userId: 'receiver' });
    const chat = sender.channels.acquire<Record<string, never>, { typing: { n: number } }>(
      'chat',
      'private',
    );
    const got: number[] = [];
    receiver.channels
      .acquire<Record<string, never>, { typing: { n: number } }>('chat', 'private')
      .listenForWhisper('typing', (e) => got.push(e.n));
    await waitFor(() => herald.subscribeCount('private-chat') === 2);
    expect(chat.whisper('typing', { n: 0 })).toBe('sent');
    await waitFor(() => got.length === 1);

    await herald.stop();
    await waitFor(() => sender.status.getSnapshot().state !== 'connected');
    expect(chat.whisper('typing', { n: 1 })).toBe('queued');
    expect(chat.whisper('typing', { n: 2 })).toBe('queued');
    expect(chat.whisper('typing', { n: 99 }, { volatile: true })).toBe('dropped');
    expect(sender.queue.getSnapshot()).toEqual({ size: 2, droppedCount: 1 });
    // Hold the sender back until the receiver is subscribed again, so the flush has an audience.
    sender.disconnect();
    await herald.start();
    await waitFor(() => herald.subscribeCount('private-chat') === 3, { what: 'receiver back' });
    sender.connect();

    await waitFor(() => got.length === 3, { what: 'flushed whispers' });
    expect(got).toEqual([0, 1, 2]);
    expect(sender.queue.getSnapshot()).toEqual({ size: 0, droppedCount: 1 });
  });
});
