// The HistoryStore contract as one suite, run against every store (in memory today; Redis and JetStream next).
import type { Clock, HistoryRetention, HistoryStore } from '@herald/protocol';
import { ManualClock } from '@herald/protocol/testing';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Makes a store for one test. The store takes its notion of "now" (event age) from `clock`, which
 * the suite moves by hand; `appId` is random per test, so stores on a shared backend do not collide.
 */
export type HistoryStoreFactory = (clock: Clock) => HistoryStore | Promise<HistoryStore>;

const RETENTION: HistoryRetention = { maxEvents: 3, maxAgeMs: 10_000, maxAppBytes: 1_000_000 };

/**
 * Defines the contract tests of `contracts/history-store.ts` for one store. Stores may answer at
 * once or with promises; the suite waits either way.
 *
 * @example
 * ```ts
 * defineHistoryStoreConformance('memory', (clock) => new MemoryHistoryStore(clock));
 * ```
 */
export function defineHistoryStoreConformance(name: string, create: HistoryStoreFactory): void {
  describe(`HistoryStore conformance: ${name}`, () => {
    let clock: ManualClock;
    let store: HistoryStore;
    let appId: string;
    const open: HistoryStore[] = [];

    afterEach(async () => {
      for (const s of open.splice(0)) await s.close?.();
    });

    async function setup(): Promise<void> {
      clock = new ManualClock(Date.now());
      store = await create(clock);
      open.push(store);
      appId = `app-${Math.random().toString(36).slice(2, 10)}`;
    }

    async function append(channel: string, data: string, retention = RETENTION): Promise<number> {
      return Promise.resolve(store.append(appId, channel, { event: 'e', data }, retention));
    }

    async function read(channel: string, since: number | undefined, limit = 10) {
      return Promise.resolve(store.read(appId, channel, since, limit));
    }

    it('gives each event of a channel a safe integer serial above every earlier one', async () => {
      await setup();
      const serials = [await append('c', 'a'), await append('c', 'b'), await append('c', 'c')];
      for (const serial of serials) expect(Number.isSafeInteger(serial) && serial > 0).toBe(true);
      expect(serials[1]).toBeGreaterThan(serials[0]!);
      expect(serials[2]).toBeGreaterThan(serials[1]!);
    });

    it('answers every event after a serial, oldest first, with no gap', async () => {
      await setup();
      const first = await append('c', 'a');
      await append('c', 'b');
      const last = await append('c', 'c');
      const answer = await read('c', first);
      expect(answer.gap).toBeUndefined();
      expect(answer.latestSerial).toBe(last);
      expect(answer.events.map((e) => e.data)).toEqual(['b', 'c']);
    });

    it('answers no events and no gap from the newest serial', async () => {
      await setup();
      const last = await append('c', 'a');
      expect(await read('c', last)).toEqual({ events: [], latestSerial: last, gap: undefined });
    });

    it('reads from the oldest kept event without since', async () => {
      await setup();
      for (const data of ['a', 'b']) await append('c', data);
      const answer = await read('c', undefined);
      expect(answer.gap).toBeUndefined();
      expect(answer.events.map((e) => e.data)).toEqual(['a', 'b']);
    });

    it('keeps channels apart', async () => {
      await setup();
      await append('one', 'a');
      await append('two', 'b');
      expect((await read('one', undefined)).events.map((e) => e.data)).toEqual(['a']);
    });

    it('answers at most limit events', async () => {
      await setup();
      for (const data of ['a', 'b', 'c']) await append('c', data);
      expect((await read('c', undefined, 2)).events.map((e) => e.data)).toEqual(['a', 'b']);
    });

    it('reports an overflow, never part of the gap, once maxEvents pushed events out', async () => {
      await setup();
      const first = await append('c', 'a');
      for (const data of ['b', 'c', 'd', 'e']) await append('c', data);
      expect(await read('c', first)).toMatchObject({ events: [], gap: 'overflowed' });
    });

    it('reports expiry once the events after since are older than maxAgeMs', async () => {
      await setup();
      const first = await append('c', 'a');
      await append('c', 'b');
      clock.advance(RETENTION.maxAgeMs);
      expect(await read('c', first)).toMatchObject({ events: [], gap: 'expired' });
    });

    it('reads a serial it never gave out on the channel as unknown', async () => {
      await setup();
      const last = await append('c', 'a');
      expect((await read('c', last + 1000)).gap).toBe('unknown');
      expect((await read('other', 42)).gap).toBe('unknown');
    });

    it('gives a channel without history a position from which its first events are answered', async () => {
      await setup();
      const position = (await read('c', undefined)).latestSerial;
      clock.advance(1);
      const serials = [await append('c', 'a'), await append('c', 'b')];
      const answer = await read('c', position);
      expect(answer.gap).toBeUndefined();
      expect(answer.events.map((e) => e.serial)).toEqual(serials);
    });

    it('stays within maxAppBytes for the whole app, dropping the oldest events first', async () => {
      await setup();
      const tight = { ...RETENTION, maxEvents: 100, maxAppBytes: 2_000 };
      const oldest = await append('a', 'x'.repeat(400), tight);
      for (let i = 0; i < 6; i++) await append('b', 'y'.repeat(400), tight);
      expect((await read('a', oldest - 1)).gap).toBe('overflowed');
      const usage = store.usage?.(appId);
      if (usage) expect(usage.bytes).toBeLessThanOrEqual(2_000);
    });

    it('keeps client event data (any JSON) and user ids as given', async () => {
      await setup();
      const serial = await Promise.resolve(
        store.append(
          appId,
          'c',
          { event: 'client-typing', data: { on: true }, userId: 'u1' },
          RETENTION,
        ),
      );
      expect((await read('c', serial - 1)).events).toEqual([
        { serial, event: 'client-typing', data: { on: true }, userId: 'u1' },
      ]);
    });

    it('answers operations on one channel in the order they were called', async () => {
      await setup();
      const order: string[] = [];
      const first = Promise.resolve(
        store.append(appId, 'c', { event: 'e', data: 'a' }, RETENTION),
      ).then(() => order.push('append a'));
      const reading = Promise.resolve(store.read(appId, 'c', undefined, 10)).then((answer) => {
        order.push(`read ${answer.events.length}`);
      });
      const second = Promise.resolve(
        store.append(appId, 'c', { event: 'e', data: 'b' }, RETENTION),
      ).then(() => order.push('append b'));
      await Promise.all([first, reading, second]);
      expect(order).toEqual(['append a', 'read 1', 'append b']);
    });
  });
}
