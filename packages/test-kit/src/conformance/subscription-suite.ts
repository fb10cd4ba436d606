// Conformance: subscribing to public and private channels, channel auth, and unsubscribing.
import { describe, expect } from 'vitest';
import { startHarness } from '../harness';
import { nextEvent, whenSubscribed } from '../pusher-client';
import { OTHER_APP, TEST_APP, testApp } from '../test-apps';
import { withTimeout } from '../wait-for';
import { anyString, expectPusherError, expectUsable, stringContaining } from './expectations';
import type { SuiteContext } from './suite-context';

const authError = (channel: string) => ({
  event: 'pusher:subscription_error',
  channel,
  data: { type: 'AuthError', error: anyString(), status: 401 },
});

const overChannelQuota = (channel: string) => ({
  event: 'pusher:subscription_error',
  channel,
  data: { type: 'LimitReached', error: stringContaining('too many channels'), status: 4004 },
});

/** Conformance area: Public and private subscriptions, channel auth and unsubscribe. */
export function subscriptionSuite({ target, test }: SuiteContext): void {
  describe('subscriptions', () => {
    test('confirms a public subscription with the exact subscription_succeeded frame', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      socket.client.send({ event: 'pusher:subscribe', data: { channel: 'orders' } });
      const ok = await socket.client.next('pusher_internal:subscription_succeeded');
      expect(ok.json).toEqual({
        event: 'pusher_internal:subscription_succeeded',
        channel: 'orders',
        data: '{}',
      });
    });

    test('confirms a private subscription signed by the pusher SDK', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      socket.client.send({
        event: 'pusher:subscribe',
        data: h.subscribeData(socket.socketId, 'private-orders'),
      });
      const ok = await socket.client.next('pusher_internal:subscription_succeeded');
      expect(ok.json).toEqual({
        event: 'pusher_internal:subscription_succeeded',
        channel: 'private-orders',
        data: '{}',
      });
    });

    test('answers a bad private signature with subscription_error AuthError 401 and keeps the socket usable', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      const forged = h
        .publisher(TEST_APP, { secret: 'not-the-secret' })
        .authorizeChannel(socket.socketId, 'private-orders');
      socket.client.send({
        event: 'pusher:subscribe',
        data: { channel: 'private-orders', auth: forged.auth },
      });
      expect((await socket.client.next('pusher:subscription_error')).json).toEqual(
        authError('private-orders'),
      );
      await expectUsable(socket.client);
      await h.subscribe(socket, 'orders');
      await h.subscribe(socket, 'private-orders');
    });

    test('refuses a private subscription without auth (401)', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      socket.client.send({ event: 'pusher:subscribe', data: { channel: 'private-orders' } });
      expect((await socket.client.next('pusher:subscription_error')).json).toEqual(
        authError('private-orders'),
      );
    });

    test('refuses auth signed for another socket id (401)', async () => {
      const h = await startHarness(target);
      const [socket, other] = await Promise.all([h.connect(), h.connect()]);
      const stolen = h.subscribeData(other.socketId, 'private-orders');
      socket.client.send({ event: 'pusher:subscribe', data: stolen });
      expect((await socket.client.next('pusher:subscription_error')).json).toEqual(
        authError('private-orders'),
      );
    });

    test("refuses auth signed with another app's key and secret (401)", async () => {
      const h = await startHarness(target, { apps: [{ ...TEST_APP }, { ...OTHER_APP }] });
      const socket = await h.connect();
      socket.client.send({
        event: 'pusher:subscribe',
        data: h.subscribeData(socket.socketId, 'private-orders', undefined, OTHER_APP),
      });
      expect((await socket.client.next('pusher:subscription_error')).json).toEqual(
        authError('private-orders'),
      );
    });

    test('refuses an invalid channel name with pusher:error 4300', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      socket.client.send({ event: 'pusher:subscribe', data: { channel: 'no spaces allowed!' } });
      await expectPusherError(socket.client, 4300);
      await expectUsable(socket.client);
    });

    test('refuses a channel name longer than 164 characters with pusher:error 4300', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      socket.client.send({ event: 'pusher:subscribe', data: { channel: 'a'.repeat(165) } });
      await expectPusherError(socket.client, 4300);
      await h.subscribe(socket, 'a'.repeat(164));
    });

    test('treats a repeated subscribe as one subscription', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      await h.subscribe(socket, 'orders');
      await h.subscribe(socket, 'orders');
      const response = await h
        .publisher()
        .get({ path: '/channels/orders', params: { info: 'subscription_count' } });
      expect(await response.json()).toEqual({ occupied: true, subscription_count: 1 });
      await h.publisher().trigger('orders', 'placed', 'once');
      await socket.client.next('placed');
      await socket.client.sync();
      expect(socket.client.queued('placed')).toEqual([]);
    });

    test('stops delivering after pusher:unsubscribe and vacates the channel', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      await h.subscribe(socket, 'orders');
      await h.subscribe(socket, 'invoices');
      socket.client.send({ event: 'pusher:unsubscribe', data: { channel: 'orders' } });
      await socket.client.sync();
      const response = await h.publisher().get({ path: '/channels/orders' });
      expect(await response.json()).toEqual({ occupied: false });
      await h.publisher().trigger(['orders', 'invoices'], 'changed', 'x');
      expect((await socket.client.next('changed')).channel).toBe('invoices');
      await socket.client.sync();
      expect(socket.client.queued('changed')).toEqual([]);
    });

    test('ignores pusher:unsubscribe for a channel the socket is not on', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      socket.client.send({ event: 'pusher:unsubscribe', data: { channel: 'never-joined' } });
      await socket.client.sync();
      expect(socket.client.queued('pusher:error')).toEqual([]);
    });

    test('releases every channel and presence member of a socket that disconnects', async () => {
      const h = await startHarness(target);
      const [leaver, stayer] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(leaver, 'orders');
      await h.subscribe(leaver, 'private-orders');
      await h.subscribe(leaver, 'presence-room', { user_id: 'leaver' });
      await h.subscribe(stayer, 'presence-room', { user_id: 'stayer' });
      await leaver.client.close();
      await stayer.client.next('pusher_internal:member_removed');
      const response = await h.publisher().get({ path: '/channels' });
      expect(await response.json()).toEqual({ channels: { 'presence-room': {} } });
    });

    test('handles a subscribe sent before connection_established', async () => {
      const h = await startHarness(target);
      const client = await h.raw();
      client.send({ event: 'pusher:subscribe', data: { channel: 'early' } });
      await client.next('pusher:connection_established');
      expect((await client.next('pusher_internal:subscription_succeeded')).channel).toBe('early');
    });

    test('refuses a subscribe over limits.maxChannelsPerConnection with subscription_error LimitReached 4004, keeping the socket', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ limits: { maxChannelsPerConnection: 2 } })],
      });
      const socket = await h.connect();
      await h.subscribe(socket, 'orders');
      await h.subscribe(socket, 'private-orders');
      socket.client.send({
        event: 'pusher:subscribe',
        data: h.subscribeData(socket.socketId, 'private-invoices'),
      });
      expect((await socket.client.next('pusher:subscription_error')).json).toEqual(
        overChannelQuota('private-invoices'),
      );
      await expectUsable(socket.client);
      await h.subscribe(socket, 'orders'); // a repeat takes no new slot
      socket.client.send({ event: 'pusher:unsubscribe', data: { channel: 'orders' } });
      await h.subscribe(socket, 'private-invoices');
    });

    test('tells pusher-js over maxChannelsPerConnection through subscription_error; it, and other clients, keep working', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ limits: { maxChannelsPerConnection: 2 } })],
      });
      const [client, other] = await Promise.all([h.pusher(), h.pusher()]);
      const orders = client.subscribe('orders');
      await whenSubscribed(orders);
      await whenSubscribed(client.subscribe('private-orders'));
      const refused = client.subscribe('invoices');
      const error = await withTimeout(
        new Promise((resolve) => refused.bind('pusher:subscription_error', resolve)),
        5000,
        'subscription_error',
      );
      expect(error).toEqual(overChannelQuota('invoices').data);
      expect(client.connection.state).toBe('connected');

      const otherInvoices = other.subscribe('invoices');
      await whenSubscribed(otherInvoices);
      const received = Promise.all([
        nextEvent(orders, 'placed'),
        nextEvent(otherInvoices, 'placed'),
      ]);
      await h.publisher().trigger(['orders', 'invoices'], 'placed', { id: 1 });
      expect(await received).toEqual([{ id: 1 }, { id: 1 }]);

      client.unsubscribe('private-orders');
      await whenSubscribed(client.subscribe('payments'));
    });

    test('subscribes pusher-js to a private channel through channelAuthorization.customHandler', async () => {
      const h = await startHarness(target);
      const client = await h.pusher();
      const channel = client.subscribe('private-orders');
      await whenSubscribed(channel);
      expect(channel.subscribed).toBe(true);
    });

    test('reports a bad signature to pusher-js as subscription_error {type, error, status: 401}', async () => {
      const h = await startHarness(target);
      const client = await h.pusher({ authSecret: 'not-the-secret' });
      const channel = client.subscribe('private-orders');
      const error = await withTimeout(
        new Promise((resolve) => channel.bind('pusher:subscription_error', resolve)),
        5000,
        'subscription_error',
      );
      expect(error).toEqual({ type: 'AuthError', error: anyString(), status: 401 });
      expect(client.connection.state).toBe('connected');
      await whenSubscribed(client.subscribe('orders'));
    });
  });
}
