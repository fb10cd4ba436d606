import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { echoFor } from './echo-harness';
import { AppUnderTest, HeraldUnderTest } from './test-server';
import { waitFor } from './wait-for';

const RATE_LIMITED = 4301;
type Whispers = { typing: { n: number } };

describe('client events paced to the server limit', () => {
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

  it('delivers 30 whispers queued offline, in order, with no 4301 from the server', async () => {
    const sender = echoFor(herald, app, { userId: 'sender' });
    const receiver = echoFor(herald, app, { userId: 'receiver' });
    const chat = sender.channels.acquire<Record<string, never>, Whispers>('chat', 'private');
    const got: number[] = [];
    receiver.channels
      .acquire<Record<string, never>, Whispers>('chat', 'private')
      .listenForWhisper('typing', (e) => got.push(e.n));
    await waitFor(() => herald.subscribeCount('private-chat') === 2);

    await herald.stop();
    await waitFor(() => sender.status.getSnapshot().state !== 'connected');
    for (let n = 0; n < 30; n += 1) expect(chat.whisper('typing', { n })).toBe('queued');
    expect(sender.queue.getSnapshot()).toEqual({ size: 30, droppedCount: 0 });
    // Hold the sender back until the receiver is subscribed again, so the flush has an audience.
    sender.disconnect();
    await herald.start();
    await waitFor(() => herald.subscribeCount('private-chat') === 3, { what: 'receiver back' });
    sender.connect();

    await waitFor(() => got.length === 30, { what: '30 whispers', timeoutMs: 15_000 });
    expect(got).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(herald.clientErrorCodes.filter((code) => code === RATE_LIMITED)).toEqual([]);
    expect(sender.queue.getSnapshot()).toEqual({ size: 0, droppedCount: 0 });
  }, 20_000);

  it('queues live whispers past the rate instead of losing them, and drops volatile ones as throttled', async () => {
    const drops: string[] = [];
    const sender = echoFor(herald, app, {
      userId: 'sender',
      offlineQueue: { onDrop: (_e, reason) => drops.push(reason) },
    });
    const receiver = echoFor(herald, app, { userId: 'receiver' });
    const chat = sender.channels.acquire<Record<string, never>, Whispers>('chat', 'private');
    const got: number[] = [];
    receiver.channels
      .acquire<Record<string, never>, Whispers>('chat', 'private')
      .listenForWhisper('typing', (e) => got.push(e.n));
    await waitFor(() => herald.subscribeCount('private-chat') === 2);

    const results = Array.from({ length: 15 }, (_, n) => chat.whisper('typing', { n }));
    expect(results.slice(0, 10)).toEqual(Array(10).fill('sent'));
    expect(results.slice(10)).toEqual(Array(5).fill('queued'));
    expect(chat.whisper('typing', { n: 99 }, { volatile: true })).toBe('dropped');
    expect(drops).toEqual(['throttled']);

    await waitFor(() => got.length === 15, { what: '15 whispers' });
    expect(got).toEqual(Array.from({ length: 15 }, (_, n) => n));
    expect(herald.clientErrorCodes.filter((code) => code === RATE_LIMITED)).toEqual([]);
  });

  it('says when the queue bound is hit: the oldest is dropped as overflow and counted', () => {
    const drops: [number, string][] = [];
    const sender = echoFor(herald, app, {
      userId: 'sender',
      offlineQueue: {
        maxMessages: 5,
        onDrop: (e, reason) => drops.push([(e.data as { n: number }).n, reason]),
      },
    });
    const chat = sender.channels.acquire<Record<string, never>, Whispers>('chat', 'private');
    for (let n = 0; n < 7; n += 1) expect(chat.whisper('typing', { n })).toBe('queued'); // not subscribed yet
    expect(drops).toEqual([
      [0, 'overflow'],
      [1, 'overflow'],
    ]);
    expect(sender.queue.getSnapshot()).toEqual({ size: 5, droppedCount: 2 });
  });
});
