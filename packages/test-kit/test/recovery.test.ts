// Resumable channels (issue 15) on a real Node server, with real pusher-js clients and the pusher SDK.
import { createNodeServer, type NodeServer } from '@herald/node';
import { MemoryHistoryStore, type AppConfig } from '@herald/protocol';
import { ManualClock } from '@herald/protocol/testing';
import { createChannelRecovery, type RecoveryOutcome } from '@herald/echo';
import type PusherClient from 'pusher-js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPublisher,
  createPusherClient,
  disconnectPusher,
  testApp,
  waitFor,
  whenConnected,
  whenSubscribed,
  type ServerAddress,
} from '../src/index';

const APP: AppConfig = testApp({
  recovery: { channels: ['orders.', 'private-orders.'], maxEvents: 60, maxAgeSeconds: 120 },
});

let server: NodeServer | undefined;
let historyClock: ManualClock;
const clients: PusherClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await disconnectPusher(client);
  await server?.close();
  server = undefined;
});

async function start(): Promise<ServerAddress> {
  // Only the history runs on a manual clock, so expiry needs no sleep.
  historyClock = new ManualClock(Date.now());
  server = createNodeServer({
    apps: [APP],
    host: '127.0.0.1',
    port: 0,
    drainWindowMs: 0,
    history: new MemoryHistoryStore(historyClock),
  });
  return server.listen();
}

/** A pusher-js client on `channel`, resuming with @herald/echo's recovery, recording what it gets. */
async function resumingClient(address: ServerAddress, channel: string) {
  const client = createPusherClient({ server: address, app: APP });
  clients.push(client);
  const recovery = createChannelRecovery(client);
  const outcomes: RecoveryOutcome[] = [];
  recovery.onRecovery(channel, (outcome) => outcomes.push(outcome));
  await whenConnected(client);
  const subscription = client.subscribe(channel);
  const received: string[] = [];
  subscription.bind('order.updated', (data: string) => received.push(data));
  await whenSubscribed(subscription);
  await waitFor(() => recovery.serialOf(channel) !== undefined);
  return { client, recovery, outcomes, received };
}

async function reconnect(client: PusherClient): Promise<void> {
  client.connect();
  await whenConnected(client);
}

describe('resumable channels', () => {
  it('gives a client cut off while 50 events were published all 50, once, in order, then live', async () => {
    const address = await start();
    const publisher = createPublisher(address, APP);
    const { client, outcomes, received } = await resumingClient(address, 'orders.1');
    await publisher.trigger('orders.1', 'order.updated', 'before');
    await waitFor(() => received.length === 1);

    await disconnectPusher(client);
    const missed = Array.from({ length: 50 }, (_, i) => `missed-${i}`);
    // Half through the signed HTTP API, half in-process: both paths number their events.
    for (const data of missed.slice(0, 25))
      await publisher.trigger('orders.1', 'order.updated', data);
    for (const data of missed.slice(25))
      await server!.api.trigger('orders.1', 'order.updated', data);

    await reconnect(client);
    await waitFor(() => outcomes.length === 1, { timeoutMs: 5000 });
    expect(outcomes).toEqual([{ recovered: true, missed: 50 }]);
    expect(received).toEqual(['before', ...missed]);
    await publisher.trigger('orders.1', 'order.updated', 'after');
    await waitFor(() => received.length === 52);
    expect(received).toEqual(['before', ...missed, 'after']);
  });

  it('resumes private channels too, through channel auth', async () => {
    const address = await start();
    const { client, outcomes, received } = await resumingClient(address, 'private-orders.7');
    await disconnectPusher(client);
    await server!.api.trigger('private-orders.7', 'order.updated', 'while away');
    await reconnect(client);
    await waitFor(() => outcomes.length === 1);
    expect(outcomes).toEqual([{ recovered: true, missed: 1 }]);
    expect(received).toEqual(['while away']);
  });

  it('reports an overflow and replays nothing when more events were missed than are kept', async () => {
    const address = await start();
    const { client, outcomes, received } = await resumingClient(address, 'orders.1');
    await disconnectPusher(client);
    for (let i = 0; i < 61; i++) await server!.api.trigger('orders.1', 'order.updated', `m${i}`);
    await reconnect(client);
    await waitFor(() => outcomes.length === 1);
    expect(outcomes).toEqual([{ recovered: false, missed: 0, reason: 'overflowed' }]);
    expect(received).toEqual([]);
    await server!.api.trigger('orders.1', 'order.updated', 'live');
    await waitFor(() => received.length === 1);
    expect(received).toEqual(['live']);
  });

  it('reports expiry and replays nothing when the missed events are older than maxAgeSeconds', async () => {
    const address = await start();
    const { client, outcomes, received } = await resumingClient(address, 'orders.1');
    await disconnectPusher(client);
    for (const data of ['a', 'b']) await server!.api.trigger('orders.1', 'order.updated', data);
    historyClock.advance(120_000);
    await reconnect(client);
    await waitFor(() => outcomes.length === 1);
    expect(outcomes).toEqual([{ recovered: false, missed: 0, reason: 'expired' }]);
    expect(received).toEqual([]);
  });

  it('shows a stock pusher-js on a resumable channel exactly what it saw before', async () => {
    const address = await start();
    const client = createPusherClient({ server: address, app: APP });
    clients.push(client);
    await whenConnected(client);
    const frames: string[] = [];
    const transport = (
      client.connection as unknown as {
        connection: { transport: { bind(e: string, fn: (m: { data: string }) => void): void } };
      }
    ).connection.transport;
    transport.bind('message', (m) => frames.push(m.data));
    const seen: Array<[string, unknown]> = [];
    const resumable = client.subscribe('orders.1');
    const plain = client.subscribe('invoices.1');
    resumable.bind_global((event: string, data: unknown) => seen.push([`orders ${event}`, data]));
    plain.bind_global((event: string, data: unknown) => seen.push([`invoices ${event}`, data]));
    await Promise.all([whenSubscribed(resumable), whenSubscribed(plain)]);
    await server!.api.trigger(['orders.1', 'invoices.1'], 'order.updated', { id: 1 });
    await waitFor(() => seen.length === 4);
    expect(seen).toEqual([
      ['orders pusher:subscription_succeeded', {}],
      ['invoices pusher:subscription_succeeded', {}],
      ['orders order.updated', { id: 1 }],
      ['invoices order.updated', { id: 1 }],
    ]);
    expect(frames).toContain(
      '{"event":"pusher_internal:subscription_succeeded","channel":"orders.1","data":"{}"}',
    );
  });
});

describe('GET /apps/{id}/channels/{name}/events', () => {
  it('answers the kept events after since, oldest first, up to limit', async () => {
    const address = await start();
    const publisher = createPublisher(address, APP);
    for (const data of ['a', 'b', 'c', 'd'])
      await publisher.trigger('orders.1', 'order.updated', data);
    const all = (await (await publisher.get({ path: '/channels/orders.1/events' })).json()) as {
      events: Array<{ serial: number; event: string; data: string }>;
      serial: number;
      complete: boolean;
    };
    expect(all.events.map((e) => [e.event, e.data])).toEqual([
      ['order.updated', 'a'],
      ['order.updated', 'b'],
      ['order.updated', 'c'],
      ['order.updated', 'd'],
    ]);
    expect(all.complete).toBe(true);
    expect(all.serial).toBe(all.events[3]!.serial);
    const page = (await (
      await publisher.get({
        path: '/channels/orders.1/events',
        params: { since: all.events[0]!.serial, limit: 2 },
      })
    ).json()) as typeof all;
    expect(page.events.map((e) => e.data)).toEqual(['b', 'c']);
    expect(page.complete).toBe(true);
  });

  it('says when events after since are gone, and answers the oldest still kept', async () => {
    const address = await start();
    const publisher = createPublisher(address, APP);
    await server!.api.trigger('orders.1', 'order.updated', 'old');
    const since = (await server!.api.history('orders.1')).serial - 1;
    historyClock.advance(120_000);
    await server!.api.trigger('orders.1', 'order.updated', 'new');
    const body = (await (
      await publisher.get({ path: '/channels/orders.1/events', params: { since } })
    ).json()) as { events: Array<{ data: string }>; complete: boolean; reason: string };
    expect(body.complete).toBe(false);
    expect(body.reason).toBe('expired');
    expect(body.events.map((e) => e.data)).toEqual(['new']);
  });

  it('answers 404 for a channel that keeps no history', async () => {
    const address = await start();
    const publisher = createPublisher(address, APP);
    await expect(publisher.get({ path: '/channels/invoices.1/events' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers a resumable channel without events with an empty page and its position', async () => {
    const address = await start();
    const body = (await (
      await createPublisher(address, APP).get({ path: '/channels/orders.9/events' })
    ).json()) as { events: unknown[]; serial: number; complete: boolean };
    expect(body).toEqual({ events: [], serial: expect.any(Number), complete: true });
  });

  it('refuses a bad signature with 401 and a malformed since with 400', async () => {
    const address = await start();
    await expect(
      createPublisher(address, APP, { secret: 'wrong' }).get({ path: '/channels/orders.1/events' }),
    ).rejects.toMatchObject({ status: 401 });
    await expect(
      createPublisher(address, APP).get({
        path: '/channels/orders.1/events',
        params: { since: 'yesterday' },
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
