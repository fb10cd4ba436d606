// Conformance: laravel-echo over pusher-js, the way a Laravel front end talks to the server.
import { describe, expect } from 'vitest';
import { startHarness } from '../harness';
import { waitFor, withTimeout } from '../wait-for';
import { anyString } from './expectations';
import type { SuiteContext } from './suite-context';

/** Resolves with the first value passed to the callback that `register` installs. */
function once<T>(register: (callback: (value: T) => void) => void, what: string): Promise<T> {
  return withTimeout(new Promise<T>((resolve) => register(resolve)), 5000, what);
}

/** Collects every value passed to the callback that `register` installs. */
function collect<T>(register: (callback: (value: T) => void) => void): T[] {
  const values: T[] = [];
  register((value) => values.push(value));
  return values;
}

/** Members sorted by name, so roster order does not matter. */
function sortByName(members: unknown[]): unknown[] {
  return [...(members as { name: string }[])].sort((a, b) => a.name.localeCompare(b.name));
}

/** Conformance area: laravel-echo: listen, private, error, join, whisper and toOthers. */
export function echoSuite({ target, test }: SuiteContext): void {
  describe('laravel-echo', () => {
    for (const broadcaster of ['reverb', 'pusher'] as const) {
      test(`receives a Laravel event with listen() (broadcaster: ${broadcaster})`, async () => {
        const h = await startHarness(target);
        const echo = await h.echo({ broadcaster });
        const channel = echo.channel('orders');
        await once<void>((cb) => channel.subscribed(() => cb()), 'subscribed');
        const received = once<unknown>((cb) => channel.listen('OrderShipped', cb), 'OrderShipped');
        await h.publisher().trigger('orders', 'App\\Events\\OrderShipped', { order: { id: 1 } });
        expect(await received).toEqual({ order: { id: 1 } });
      });
    }

    test('receives on a private channel with private()', async () => {
      const h = await startHarness(target);
      const echo = await h.echo();
      const channel = echo.private('orders.1');
      await once<void>((cb) => channel.subscribed(() => cb()), 'subscribed');
      const received = once<unknown>(
        (cb) => channel.listen('.status-changed', cb),
        'status-changed',
      );
      await h.publisher().trigger('private-orders.1', 'status-changed', { status: 'shipped' });
      expect(await received).toEqual({ status: 'shipped' });
    });

    test('fires error() with the 401 AuthError for a private channel it may not join', async () => {
      const h = await startHarness(target);
      const echo = await h.echo({ authSecret: 'not-the-secret' });
      const error = await once<unknown>((cb) => echo.private('secrets').error(cb), 'error()');
      expect(error).toEqual({ type: 'AuthError', error: anyString(), status: 401 });
    });

    test('reports here / joining / leaving on a presence channel with join()', async () => {
      const h = await startHarness(target);
      const ada = await h.echo({ user: { user_id: 1, user_info: { name: 'Ada' } } });
      const adaRoom = ada.join('room');
      const here = await once<unknown[]>((cb) => adaRoom.here(cb), 'here');
      expect(here).toEqual([{ name: 'Ada' }]);
      const joining = once<unknown>((cb) => adaRoom.joining(cb), 'joining');
      const bob = await h.echo({ user: { user_id: 2, user_info: { name: 'Bob' } } });
      const bobRoom = bob.join('room');
      const bobHere = await once<unknown[]>((cb) => bobRoom.here(cb), 'here');
      expect(sortByName(bobHere)).toEqual([{ name: 'Ada' }, { name: 'Bob' }]);
      expect(await joining).toEqual({ name: 'Bob' });
      const leaving = once<unknown>((cb) => adaRoom.leaving(cb), 'leaving');
      bob.leave('room');
      expect(await leaving).toEqual({ name: 'Bob' });
    });

    test('carries whisper() to listenForWhisper() on other clients only', async () => {
      const h = await startHarness(target);
      const [alice, bob] = await Promise.all([h.echo(), h.echo()]);
      const aliceChat = alice.private('chat');
      const bobChat = bob.private('chat');
      await Promise.all([
        once<void>((cb) => aliceChat.subscribed(() => cb()), 'alice subscribed'),
        once<void>((cb) => bobChat.subscribed(() => cb()), 'bob subscribed'),
      ]);
      const aliceHeard = collect<unknown>((cb) => aliceChat.listenForWhisper('typing', cb));
      const bobHeard = once<unknown>((cb) => bobChat.listenForWhisper('typing', cb), 'whisper');
      aliceChat.whisper('typing', { name: 'alice' });
      expect(await bobHeard).toEqual({ name: 'alice' });
      // Alice's own whisper would have reached her before this server event.
      const marker = once<unknown>((cb) => aliceChat.listen('.marker', cb), 'marker');
      await h.publisher().trigger('private-chat', 'marker', {});
      await marker;
      expect(aliceHeard).toEqual([]);
    });

    test('leaves out the sender with toOthers (X-Socket-ID becomes socket_id)', async () => {
      const h = await startHarness(target);
      const [sender, other] = await Promise.all([h.echo(), h.echo()]);
      const senderChannel = sender.channel('orders');
      const otherChannel = other.channel('orders');
      await Promise.all([
        once<void>((cb) => senderChannel.subscribed(() => cb()), 'sender subscribed'),
        once<void>((cb) => otherChannel.subscribed(() => cb()), 'other subscribed'),
      ]);
      const senderSaw = collect<{ n: number }>((cb) => senderChannel.listen('.updated', cb));
      const otherSaw = collect<{ n: number }>((cb) => otherChannel.listen('.updated', cb));
      // What a Laravel controller does with broadcast(...)->toOthers(): X-Socket-ID → socket_id.
      const headers = new Headers({ 'X-Socket-ID': sender.socketId()! });
      const publisher = h.publisher();
      await publisher.trigger(
        'orders',
        'updated',
        { n: 1 },
        { socket_id: headers.get('X-Socket-ID')! },
      );
      await publisher.trigger('orders', 'updated', { n: 2 });
      await waitFor(() => senderSaw.length >= 1 && otherSaw.length >= 2);
      expect(otherSaw).toEqual([{ n: 1 }, { n: 2 }]);
      expect(senderSaw).toEqual([{ n: 2 }]);
    });
  });
}
