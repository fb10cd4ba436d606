// Conformance: fan-out — every subscriber gets every event exactly once, in order.
import { describe, expect } from 'vitest';
import { startHarness } from '../harness';
import { nextEvent, whenSubscribed } from '../pusher-client';
import { testApp } from '../test-apps';
import type { SuiteContext } from './suite-context';

/** Conformance area: Fan-out exactly once to many subscribers, and slow consumers (4100). */
export function broadcastSuite({ target, test, options }: SuiteContext): void {
  const subscriberCount = options.broadcastSubscribers ?? 200;

  describe('broadcast', () => {
    test(`delivers each event exactly once, in order, to ${String(subscriberCount)} subscribers`, async () => {
      const h = await startHarness(target);
      const sockets = [];
      for (let i = 0; i < subscriberCount; i += 50) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(50, subscriberCount - i) }, () => h.connect()),
        );
        await Promise.all(batch.map((socket) => h.subscribe(socket, 'firehose')));
        sockets.push(...batch);
      }
      const publisher = h.publisher();
      for (let n = 0; n < 3; n++) await publisher.trigger('firehose', 'tick', { n });
      await Promise.all(
        sockets.map(async ({ client }) => {
          for (let n = 0; n < 3; n++)
            expect((await client.next('tick', 10_000)).data).toBe(JSON.stringify({ n }));
          await client.sync(10_000);
          expect(client.queued('tick')).toEqual([]);
        }),
      );
    }, 60_000);

    test('delivers to pusher-js with the data parsed from JSON', async () => {
      const h = await startHarness(target);
      const client = await h.pusher();
      const channel = client.subscribe('orders');
      await whenSubscribed(channel);
      const received = nextEvent(channel, 'order-shipped');
      await h.publisher().trigger('orders', 'order-shipped', { id: 7, items: ['a', 'b'] });
      expect(await received).toEqual({ id: 7, items: ['a', 'b'] });
    });

    test('closes a socket that stops reading with 4100 once its buffer passes maxBufferedBytes; others keep receiving', async () => {
      const h = await startHarness(target, {
        maxBufferedBytes: 64 * 1024,
        apps: [
          testApp({ limits: { maxEventPayloadBytes: 100_000, maxRequestBodyBytes: 2_000_000 } }),
        ],
      });
      const [stuck, honest] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(stuck, 'firehose');
      await h.subscribe(honest, 'firehose');
      // Stop reading: the kernel buffers fill, then the server's send buffer grows.
      const tcp = (stuck.client.ws as unknown as { _socket: { pause(): void; resume(): void } })
        ._socket;
      tcp.pause();
      const publisher = h.publisher();
      const payload = 'x'.repeat(90_000);
      let occupied = 2;
      for (let round = 0; round < 400 && occupied === 2; round++) {
        await publisher.triggerBatch(
          Array.from({ length: 10 }, () => ({ channel: 'firehose', name: 'chunk', data: payload })),
        );
        const info = await publisher.get({
          path: '/channels/firehose',
          params: { info: 'subscription_count' },
        });
        occupied = ((await info.json()) as { subscription_count?: number }).subscription_count ?? 0;
      }
      expect(occupied).toBe(1);
      await h.publisher().trigger('firehose', 'after', 'still here');
      expect((await honest.client.next('after', 10_000)).data).toBe('still here');
      tcp.resume();
      // Only the close code: a pusher:error frame would queue behind the bytes the socket never read.
      expect((await stuck.client.closed).code).toBe(4100);
    }, 60_000);
  });
}
