// The in-process server API against real pusher-js clients on a real Node server.
import { createNodeServer, type NodeServer } from '@herald/node';
import { HeraldApiError, type HeraldApi } from '@herald/protocol';
import PusherClient, { type Channel } from 'pusher-js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPusherClient,
  disconnectPusher,
  nextEvent,
  TEST_APP,
  whenConnected,
  whenSubscribed,
  withTimeout,
} from '../src/index';

type Events = { 'order.shipped': { id: string; carrier: string }; marker: string };

let server: NodeServer<Events> | undefined;
const clients: PusherClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await disconnectPusher(client);
  await server?.close();
  server = undefined;
});

async function start(): Promise<{ host: string; port: number }> {
  server = createNodeServer<Events>({
    apps: [TEST_APP],
    host: '127.0.0.1',
    port: 0,
    drainWindowMs: 0,
  });
  return server.listen();
}

async function subscribed(address: { host: string; port: number }, channel: string) {
  const client = createPusherClient({ server: address, app: TEST_APP });
  clients.push(client);
  const socketId = await whenConnected(client);
  const subscription = client.subscribe(channel);
  await whenSubscribed(subscription);
  return { client, socketId, channel: subscription };
}

/** Every event of `name` the channel receives, in order. */
function collect(channel: Channel, name: string): unknown[] {
  const seen: unknown[] = [];
  channel.bind(name, (data: unknown) => seen.push(data));
  return seen;
}

/** A pusher-js client whose auth endpoints are the app server's, written with the API's helpers. */
function authorizedBy(address: { host: string; port: number }, api: HeraldApi<Events>) {
  const client = new PusherClient(TEST_APP.key, {
    wsHost: address.host,
    wsPort: address.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    cluster: '',
    disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        api
          .authorizeChannel(socketId, channelName, { user_id: 'ann', user_info: { name: 'Ann' } })
          .then(
            (auth) => callback(null, auth),
            (error: Error) => callback(error, null),
          );
      },
    },
    userAuthentication: {
      customHandler: ({ socketId }, callback) => {
        api.authenticateUser(socketId, { id: 'ann' }).then(
          (auth) => callback(null, auth),
          (error: Error) => callback(error, null),
        );
      },
    },
  });
  clients.push(client);
  return client;
}

describe('server.api with pusher-js', () => {
  it('delivers a trigger to every subscriber but the socketId, with the data as JSON', async () => {
    const address = await start();
    const a = await subscribed(address, 'orders');
    const b = await subscribed(address, 'orders');
    const [seenByA, seenByB] = [a, b].map((c) => collect(c.channel, 'order.shipped'));
    const shipped = { id: '42', carrier: 'DHL' };
    const result = await server!.api.trigger('orders', 'order.shipped', shipped, {
      socketId: a.socketId,
      info: ['subscription_count'],
    });
    expect(result).toEqual({ channels: { orders: { subscription_count: 2 } } });
    // A marker to both after the event: once A has it, A would have had the event too.
    const markers = [a, b].map((c) => nextEvent(c.channel, 'marker'));
    await server!.api.trigger('orders', 'marker', 'after');
    await Promise.all(markers);
    expect(seenByA).toEqual([]);
    expect(seenByB).toEqual([shipped]);
  });

  it('refuses bad input with the HTTP API status and message, and the server carries on', async () => {
    const address = await start();
    const a = await subscribed(address, 'orders');
    const error = await server!.api.trigger('bad channel!', 'marker', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeraldApiError);
    expect(error).toMatchObject({ status: 400 });
    expect((error as Error).message).toMatch(/^body\.channels: /);
    const marker = nextEvent(a.channel, 'marker');
    await server!.api.trigger('orders', 'marker', 'still fine');
    expect(await marker).toBe('still fine');
  });

  it('signs presence and user auth that pusher-js accepts, and sends to the signed-in user', async () => {
    const address = await start();
    const api = server!.api;
    const client = authorizedBy(address, api);
    await whenConnected(client);
    const room = client.subscribe('presence-room');
    const members = (await whenSubscribed(room)) as { me: { id: string; info: unknown } };
    expect(members.me).toEqual({ id: 'ann', info: { name: 'Ann' } });
    expect(await api.presenceMembers('presence-room')).toEqual({ users: [{ id: 'ann' }] });

    const signedIn = new Promise<void>((resolve) =>
      client.connection.bind('message', (m: { event: string; channel?: string }) => {
        if (
          m.event === 'pusher_internal:subscription_succeeded' &&
          m.channel === '#server-to-user-ann'
        )
          resolve();
      }),
    );
    client.signin();
    // pusher-js subscribes to #server-to-user-ann once the sign-in succeeded.
    await withTimeout(signedIn, 5000, 'the server-to-user subscription');
    const greeting = withTimeout(
      new Promise((resolve) => client.user.bind('order.shipped', resolve)),
      5000,
      'the user event',
    );
    await api.sendToUser('ann', 'order.shipped', { id: '7', carrier: 'UPS' });
    expect(await greeting).toEqual({ id: '7', carrier: 'UPS' });
  });
});
