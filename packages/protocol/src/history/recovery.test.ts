import { describe, expect, it } from 'vitest';
import { signChannel } from '../auth/channel-auth';
import { defineApp } from '../apps/app';
import type { HistoryStore } from '../contracts/history-store';
import type { HeraldOptions } from '../herald-options';
import { CoreHarness, flushPromises, type FakeClient } from '../testing/core-harness';
import { ManualClock } from '../testing/manual-clock';
import { MemoryHistoryStore } from './memory-history-store';
import { MemoryBusHub } from '../testing/memory-bus';

const config = {
  id: 'app-id',
  key: 'app-key',
  secret: 'app-secret',
  recovery: { channels: ['orders.', 'private-chat.'], maxEvents: 5, clientEvents: true },
};
const app = defineApp(config);

async function publish(core: CoreHarness, channel: string, data: string): Promise<void> {
  await core.herald.api.trigger(channel, 'order.updated', data);
}

function events(client: FakeClient, channel: string) {
  return client.socket.messages.filter(
    (m) => m.channel === channel && !m.event.startsWith('pusher'),
  );
}

function succeeded(client: FakeClient) {
  const frame = client.socket.last('pusher_internal:subscription_succeeded');
  return JSON.parse(frame?.data as string) as { recovery?: Record<string, unknown> };
}

async function subscribe(client: FakeClient, channel: string, recovery?: unknown) {
  client.send({
    event: 'pusher:subscribe',
    data: recovery === undefined ? { channel } : { channel, recovery },
  });
  await flushPromises();
}

/** The in-memory store behind promises, as a Redis or JetStream store would answer. */
function asyncStore(): HistoryStore {
  const inner = new MemoryHistoryStore(new ManualClock());
  return {
    isShared: false,
    append: (...args) => Promise.resolve(inner.append(...args)),
    read: (...args) => Promise.resolve(inner.read(...args)),
  };
}

describe.each([
  ['a store that answers at once', (): Partial<HeraldOptions> => ({})],
  ['a store that answers with promises', (): Partial<HeraldOptions> => ({ history: asyncStore() })],
])('resumable channels on %s', (_, options) => {
  it('replays what a resuming subscriber missed, then delivers live events, each once', async () => {
    const core = new CoreHarness(config, options());
    const first = await core.connect();
    await subscribe(first, 'orders.1', {});
    const since = (succeeded(first).recovery as { serial: number }).serial;
    core.disconnect(first);
    await publish(core, 'orders.1', 'a');
    const again = await core.connect();
    const published = [publish(core, 'orders.1', 'b')];
    again.send({ event: 'pusher:subscribe', data: { channel: 'orders.1', recovery: { since } } });
    published.push(publish(core, 'orders.1', 'c'));
    await Promise.all(published);
    await flushPromises();
    await publish(core, 'orders.1', 'd');
    await flushPromises();
    expect(events(again, 'orders.1').map((m) => m.data)).toEqual(['a', 'b', 'c', 'd']);
    expect(succeeded(again).recovery).toMatchObject({ recovered: true });
  });
});

describe('resumable channels', () => {
  it('adds a serial to events of a resumable channel and nothing else for a stock client', async () => {
    const core = new CoreHarness(config);
    const client = await core.connect();
    await subscribe(client, 'orders.1');
    expect(client.socket.sent.at(-1)).toBe(
      '{"event":"pusher_internal:subscription_succeeded","channel":"orders.1","data":"{}"}',
    );
    await publish(core, 'orders.1', 'a');
    const [frame] = events(client, 'orders.1');
    expect(Object.keys(frame!)).toEqual(['event', 'channel', 'data', 'serial']);
    expect(frame!.serial).toBe(core.clock.now() * 1000 + 1);
  });

  it('leaves events of other channels as they were', async () => {
    const core = new CoreHarness(config);
    const client = await core.connect();
    await subscribe(client, 'invoices.1');
    await publish(core, 'invoices.1', 'a');
    expect(client.socket.sent.at(-1)).toBe(
      '{"event":"order.updated","channel":"invoices.1","data":"a"}',
    );
  });

  it('tells a first subscriber where the channel stands', async () => {
    const core = new CoreHarness(config);
    const client = await core.connect();
    await subscribe(client, 'orders.1', {});
    expect(succeeded(client).recovery).toEqual({ serial: core.clock.now() * 1000 });
  });

  it('replays what a resuming subscriber missed, in order, before subscription_succeeded', async () => {
    const core = new CoreHarness(config);
    const first = await core.connect();
    await subscribe(first, 'orders.1', {});
    await publish(core, 'orders.1', 'a');
    const since = events(first, 'orders.1').at(-1)!.serial as number;
    core.disconnect(first);
    for (const data of ['b', 'c', 'd']) await publish(core, 'orders.1', data);

    const again = await core.connect();
    await subscribe(again, 'orders.1', { since });
    const tail = again.socket.messages.slice(-4);
    expect(tail.map((m) => m.data)).toEqual(['b', 'c', 'd', expect.any(String)]);
    expect(tail[3]!.event).toBe('pusher_internal:subscription_succeeded');
    expect(succeeded(again).recovery).toEqual({ recovered: true, missed: 3, serial: since + 3 });
    await publish(core, 'orders.1', 'e');
    expect(events(again, 'orders.1').map((m) => m.data)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('delivers events published while the history read is pending exactly once', async () => {
    const core = new CoreHarness(config);
    const first = await core.connect();
    await subscribe(first, 'orders.1', {});
    const since = (succeeded(first).recovery as { serial: number }).serial;
    const again = await core.connect();
    const published = [publish(core, 'orders.1', 'a')];
    again.send({ event: 'pusher:subscribe', data: { channel: 'orders.1', recovery: { since } } });
    published.push(publish(core, 'orders.1', 'b'));
    await Promise.all(published);
    await flushPromises();
    expect(events(again, 'orders.1').map((m) => m.data)).toEqual(['a', 'b']);
  });

  it('reports an overflow and replays nothing when the gap is larger than the buffer', async () => {
    const core = new CoreHarness(config);
    const client = await core.connect();
    await subscribe(client, 'orders.1', {});
    const since = (succeeded(client).recovery as { serial: number }).serial;
    core.disconnect(client);
    for (let i = 0; i < 6; i++) await publish(core, 'orders.1', String(i));
    const again = await core.connect();
    await subscribe(again, 'orders.1', { since });
    expect(events(again, 'orders.1')).toEqual([]);
    expect(succeeded(again).recovery).toEqual({
      recovered: false,
      reason: 'overflowed',
      serial: since + 6,
    });
  });

  it('answers a malformed recovery request with 4300 and keeps the connection', async () => {
    const core = new CoreHarness(config);
    const client = await core.connect();
    await subscribe(client, 'orders.1', { since: 'yesterday' });
    expect(client.socket.last('pusher:error')?.data).toEqual({
      code: 4300,
      message: 'Invalid message: recovery.since must be a serial (a non-negative integer)',
    });
    await subscribe(client, 'orders.1');
    expect(client.socket.last('pusher_internal:subscription_succeeded')).toBeDefined();
  });

  it('ignores a recovery request on a channel that is not resumable', async () => {
    const core = new CoreHarness(config);
    const client = await core.connect();
    await subscribe(client, 'invoices.1', { since: 5 });
    expect(client.socket.sent.at(-1)).toBe(
      '{"event":"pusher_internal:subscription_succeeded","channel":"invoices.1","data":"{}"}',
    );
  });

  it('drops a resume overtaken by an unsubscribe while its read is pending', async () => {
    const core = new CoreHarness(config, { history: asyncStore() });
    const client = await core.connect();
    client.send({ event: 'pusher:subscribe', data: { channel: 'orders.1', recovery: {} } });
    client.send({ event: 'pusher:unsubscribe', data: { channel: 'orders.1' } });
    await flushPromises();
    expect(client.socket.last('pusher_internal:subscription_succeeded')).toBeUndefined();
    expect((await core.herald.api.channel('orders.1')).occupied).toBe(false);
  });

  it('numbers and keeps client events when the app opts them in', async () => {
    const core = new CoreHarness(config);
    const [alice, bob] = [await core.connect(), await core.connect()];
    for (const client of [alice, bob]) {
      const auth = signChannel(app, client.socketId, 'private-chat.1');
      client.send({ event: 'pusher:subscribe', data: { channel: 'private-chat.1', auth } });
    }
    alice.send({ event: 'client-typing', channel: 'private-chat.1', data: { on: true } });
    await flushPromises();
    const [frame] = events(bob, 'private-chat.1');
    expect(frame).toMatchObject({ event: 'client-typing', data: { on: true } });
    expect(typeof frame!.serial).toBe('number');
    expect(events(alice, 'private-chat.1')).toEqual([]);
  });

  it('reports the history it holds in stats', async () => {
    const core = new CoreHarness(config);
    await publish(core, 'orders.1', 'a');
    expect(core.herald.stats().apps[0]!.history).toMatchObject({ channels: 1, events: 1 });
  });

  it('is off with history: false', async () => {
    const core = new CoreHarness(config, { history: false });
    const client = await core.connect();
    await subscribe(client, 'orders.1', {});
    await publish(core, 'orders.1', 'a');
    expect(client.socket.sent.slice(-2)).toEqual([
      '{"event":"pusher_internal:subscription_succeeded","channel":"orders.1","data":"{}"}',
      '{"event":"order.updated","channel":"orders.1","data":"a"}',
    ]);
  });
});

describe('resumable channels on a cluster', () => {
  it('are off with a scaling bus unless a shared history store is given', async () => {
    const core = new CoreHarness(config, { scaling: new MemoryBusHub().connect() });
    await core.herald.ready;
    const client = await core.connect();
    await subscribe(client, 'orders.1', {});
    expect(succeeded(client).recovery).toBeUndefined();
    await core.herald.close();
  });

  it('refuse a history store until cluster delivery carries serials', () => {
    const shared = { ...asyncStore(), isShared: true };
    for (const history of [new MemoryHistoryStore(new ManualClock()), shared]) {
      expect(
        () => new CoreHarness(config, { scaling: new MemoryBusHub().connect(), history }),
      ).toThrow(TypeError);
    }
  });
});
