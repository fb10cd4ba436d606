// Conformance: the Pusher HTTP API through the official `pusher` SDK.
import { describe, expect } from 'vitest';
import { startHarness, type Harness } from '../harness';
import type { EstablishedClient } from '../raw-client';
import { stringContaining } from './expectations';
import type { SuiteContext } from './suite-context';

/** Two users on presence-room (one of them twice) and one socket on orders. */
async function populate(h: Harness): Promise<EstablishedClient[]> {
  const sockets = await Promise.all([h.connect(), h.connect(), h.connect(), h.connect()]);
  const [first, second, third, fourth] = sockets;
  await h.subscribe(first, 'presence-room', { user_id: '1' });
  await h.subscribe(second, 'presence-room', { user_id: '1' });
  await h.subscribe(third, 'presence-room', { user_id: '2' });
  await h.subscribe(fourth, 'orders');
  return sockets;
}

/** Conformance area: The HTTP API endpoints through the `pusher` SDK. */
export function httpApiSuite({ target, test }: SuiteContext): void {
  describe('HTTP API', () => {
    test('delivers an event triggered on one channel with data as the given JSON string', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      await h.subscribe(socket, 'orders');
      const response = await h.publisher().trigger('orders', 'order-shipped', { id: 1 });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({});
      expect((await socket.client.next('order-shipped')).json).toEqual({
        event: 'order-shipped',
        channel: 'orders',
        data: '{"id":1}',
      });
    });

    test('passes string data through untouched', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      await h.subscribe(socket, 'orders');
      await h.publisher().trigger('orders', 'note', 'plain text, not JSON');
      expect((await socket.client.next('note')).data).toBe('plain text, not JSON');
    });

    test('delivers an event triggered on several channels once per channel', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      for (const channel of ['a', 'b', 'private-c']) await h.subscribe(socket, channel);
      await h.publisher().trigger(['a', 'b', 'private-c'], 'fan', 'x');
      const channels = [];
      for (let i = 0; i < 3; i++) channels.push((await socket.client.next('fan')).channel);
      expect(channels.sort()).toEqual(['a', 'b', 'private-c']);
      await socket.client.sync();
      expect(socket.client.queued('fan')).toEqual([]);
    });

    test('skips the socket named by socket_id', async () => {
      const h = await startHarness(target);
      const [excluded, included] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(excluded, 'orders');
      await h.subscribe(included, 'orders');
      await h.publisher().trigger('orders', 'updated', 'x', { socket_id: excluded.socketId });
      await included.client.next('updated');
      await excluded.client.sync();
      expect(excluded.client.queued('updated')).toEqual([]);
    });

    test('answers info=subscription_count,user_count as {"channels":{...}}', async () => {
      const h = await startHarness(target);
      await populate(h);
      const response = await h.publisher().trigger(['presence-room', 'orders'], 'e', 'x', {
        info: 'subscription_count,user_count',
      });
      expect(await response.json()).toEqual({
        channels: {
          'presence-room': { subscription_count: 3, user_count: 2 },
          orders: { subscription_count: 1 },
        },
      });
    });

    test('delivers every event of triggerBatch', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      await h.subscribe(socket, 'a');
      await h.subscribe(socket, 'b');
      const response = await h.publisher().triggerBatch([
        { channel: 'a', name: 'first', data: { n: 1 } },
        { channel: 'b', name: 'second', data: 'two' },
      ]);
      expect(response.status).toBe(200);
      expect((await socket.client.next('first')).json).toEqual({
        event: 'first',
        channel: 'a',
        data: '{"n":1}',
      });
      expect((await socket.client.next('second')).json).toEqual({
        event: 'second',
        channel: 'b',
        data: 'two',
      });
    });

    test('answers triggerBatch with info as {"batch":[...]} and honours socket_id per event', async () => {
      const h = await startHarness(target);
      const sockets = await populate(h);
      const excluded = sockets[3]!;
      const response = await h.publisher().triggerBatch([
        { channel: 'presence-room', name: 'e', data: 'x', info: 'subscription_count,user_count' },
        {
          channel: 'orders',
          name: 'e',
          data: 'x',
          info: 'subscription_count',
          socket_id: excluded.socketId,
        },
      ]);
      expect(await response.json()).toEqual({
        batch: [{ subscription_count: 3, user_count: 2 }, { subscription_count: 1 }],
      });
      await sockets[0]!.client.next('e');
      await excluded.client.sync();
      expect(excluded.client.queued('e')).toEqual([]);
    });

    test('lists occupied channels with GET /channels', async () => {
      const h = await startHarness(target);
      await populate(h);
      const response = await h.publisher().get({ path: '/channels' });
      expect(await response.json()).toEqual({ channels: { 'presence-room': {}, orders: {} } });
    });

    test('filters GET /channels by prefix and answers info=user_count', async () => {
      const h = await startHarness(target);
      await populate(h);
      const response = await h.publisher().get({
        path: '/channels',
        params: { filter_by_prefix: 'presence-', info: 'user_count' },
      });
      expect(await response.json()).toEqual({ channels: { 'presence-room': { user_count: 2 } } });
    });

    test('answers GET /channels/{name} with occupied, subscription_count and user_count', async () => {
      const h = await startHarness(target);
      await populate(h);
      const presence = await h.publisher().get({
        path: '/channels/presence-room',
        params: { info: 'subscription_count,user_count' },
      });
      expect(await presence.json()).toEqual({
        occupied: true,
        subscription_count: 3,
        user_count: 2,
      });
      const orders = await h
        .publisher()
        .get({ path: '/channels/orders', params: { info: 'subscription_count' } });
      expect(await orders.json()).toEqual({ occupied: true, subscription_count: 1 });
      const empty = await h.publisher().get({ path: '/channels/nobody-here' });
      expect(await empty.json()).toEqual({ occupied: false });
    });

    test('lists presence members with GET /channels/{name}/users', async () => {
      const h = await startHarness(target);
      await populate(h);
      const response = await h.publisher().get({ path: '/channels/presence-room/users' });
      const body = (await response.json()) as { users: { id: string }[] };
      expect(Object.keys(body)).toEqual(['users']);
      expect([...body.users].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: '1' },
        { id: '2' },
      ]);
    });

    test('accepts a trigger to a channel nobody is on', async () => {
      const h = await startHarness(target);
      const response = await h.publisher().trigger('empty-channel', 'e', 'x');
      expect(response.status).toBe(200);
    });

    test('answers 400 to info=user_count on a channel that is not presence', async () => {
      const h = await startHarness(target);
      await populate(h);
      const single = await h.api({
        method: 'GET',
        path: `/apps/${h.app.id}/channels/orders`,
        params: { info: 'user_count' },
      });
      expect(single.status).toBe(400);
      expect(single.body).toEqual({ error: stringContaining('user_count') });
      const list = await h.api({
        method: 'GET',
        path: `/apps/${h.app.id}/channels`,
        params: { info: 'user_count' },
      });
      expect(list.status).toBe(400);
      expect(list.body).toEqual({ error: stringContaining('presence-') });
    });

    test('answers 400 to GET /channels/{name}/users on a channel that is not presence', async () => {
      const h = await startHarness(target);
      const response = await h.api({
        method: 'GET',
        path: `/apps/${h.app.id}/channels/orders/users`,
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: stringContaining('presence') });
    });

    test('answers GET /up with 200', async () => {
      const h = await startHarness(target);
      const response = await fetch(`${h.baseUrl}/up`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    });
  });
}
