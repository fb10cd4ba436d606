import { describe, expect, it } from 'vitest';
import { signChannel } from '../auth/channel-auth';
import { defineApp } from '../apps/app';
import { CoreHarness, type FakeClient } from '../testing/core-harness';

const appConfig = { id: 'app-id', key: 'app-key', secret: 'app-secret' };
const app = defineApp(appConfig);

function joinPresence(client: FakeClient, channel: string, member: object) {
  const data = JSON.stringify(member);
  client.send({
    event: 'pusher:subscribe',
    data: { channel, auth: signChannel(app, client.socketId, channel, data), channel_data: data },
  });
}

describe('subscriptions', () => {
  it('confirms a public channel with data "{}"', async () => {
    const client = await new CoreHarness().connect();
    client.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
    expect(client.socket.sent.at(-1)).toBe(
      '{"event":"pusher_internal:subscription_succeeded","channel":"news","data":"{}"}',
    );
  });

  it('confirms a private channel with a valid signature', async () => {
    const client = await new CoreHarness().connect();
    client.send({
      event: 'pusher:subscribe',
      data: { channel: 'private-a', auth: signChannel(app, client.socketId, 'private-a') },
    });
    expect(client.socket.last('pusher_internal:subscription_succeeded')?.channel).toBe('private-a');
  });

  it('refuses a bad signature with an AuthError on that channel and stays usable', async () => {
    const client = await new CoreHarness().connect();
    client.send({
      event: 'pusher:subscribe',
      data: { channel: 'private-a', auth: 'app-key:deadbeef' },
    });
    expect(client.socket.last('pusher:subscription_error')).toEqual({
      event: 'pusher:subscription_error',
      channel: 'private-a',
      data: { type: 'AuthError', error: 'invalid signature', status: 401 },
    });
    client.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
    expect(client.socket.last('pusher_internal:subscription_succeeded')?.channel).toBe('news');
  });

  it('refuses a signature made for another socket', async () => {
    const core = new CoreHarness();
    const a = await core.connect();
    const b = await core.connect();
    b.send({
      event: 'pusher:subscribe',
      data: { channel: 'private-a', auth: signChannel(app, a.socketId, 'private-a') },
    });
    expect(b.socket.last('pusher:subscription_error')).toBeDefined();
  });

  it('sends the roster to a presence joiner and member_added to the others only', async () => {
    const core = new CoreHarness();
    const a = await core.connect();
    const b = await core.connect();
    joinPresence(a, 'presence-r', { user_id: 'u1', user_info: { name: 'Ann' } });
    joinPresence(b, 'presence-r', { user_id: 7 });
    expect(
      JSON.parse(b.socket.last('pusher_internal:subscription_succeeded')?.data as string),
    ).toEqual({
      presence: { ids: ['u1', '7'], hash: { u1: { name: 'Ann' }, 7: null }, count: 2 },
    });
    expect(a.socket.last('pusher_internal:member_added')).toEqual({
      event: 'pusher_internal:member_added',
      channel: 'presence-r',
      data: '{"user_id":"7"}',
    });
    expect(b.socket.last('pusher_internal:member_added')).toBeUndefined();
  });

  it('counts one user with two sockets once and removes them at the last socket', async () => {
    const core = new CoreHarness();
    const watcher = await core.connect();
    const tab1 = await core.connect();
    const tab2 = await core.connect();
    joinPresence(watcher, 'presence-r', { user_id: 'w' });
    joinPresence(tab1, 'presence-r', { user_id: 'u' });
    joinPresence(tab2, 'presence-r', { user_id: 'u' });
    expect(
      watcher.socket.messages.filter((m) => m.event === 'pusher_internal:member_added'),
    ).toHaveLength(1);
    tab1.send({ event: 'pusher:unsubscribe', data: { channel: 'presence-r' } });
    expect(watcher.socket.last('pusher_internal:member_removed')).toBeUndefined();
    core.disconnect(tab2);
    expect(watcher.socket.last('pusher_internal:member_removed')?.data).toBe('{"user_id":"u"}');
  });

  it('refuses presence without user_id and beyond the member cap', async () => {
    const core = new CoreHarness({ ...appConfig, limits: { maxPresenceMembers: 1 } });
    const a = await core.connect();
    joinPresence(a, 'presence-r', { user_info: {} });
    expect(a.socket.last('pusher:subscription_error')?.data).toMatchObject({ status: 400 });
    joinPresence(a, 'presence-r', { user_id: '1' });
    const b = await core.connect();
    joinPresence(b, 'presence-r', { user_id: '2' });
    expect(b.socket.last('pusher:subscription_error')?.data).toMatchObject({
      type: 'LimitReached',
      status: 403,
    });
  });

  it('refuses a subscribe over maxChannelsPerConnection with LimitReached 4004 and frees the slot on unsubscribe', async () => {
    const core = new CoreHarness({ ...appConfig, limits: { maxChannelsPerConnection: 2 } });
    const clientErrors: (number | null)[] = [];
    core.herald.observe({ clientError: (e) => clientErrors.push(e.code) });
    const a = await core.connect();
    for (const channel of ['one', 'two', 'three'])
      a.send({ event: 'pusher:subscribe', data: { channel } });
    expect(a.socket.last('pusher:subscription_error')).toEqual({
      event: 'pusher:subscription_error',
      channel: 'three',
      data: {
        type: 'LimitReached',
        error: 'too many channels on this connection (limit 2); unsubscribe from one first',
        status: 4004,
      },
    });
    expect(clientErrors).toEqual([4004]);
    a.send({ event: 'pusher:subscribe', data: { channel: 'two' } }); // a repeat takes no new slot
    expect(a.socket.messages.filter((m) => m.event === 'pusher:subscription_error')).toHaveLength(
      1,
    );
    a.send({ event: 'pusher:unsubscribe', data: { channel: 'one' } });
    a.send({ event: 'pusher:subscribe', data: { channel: 'three' } });
    expect(a.socket.last('pusher_internal:subscription_succeeded')?.channel).toBe('three');
    expect(a.socket.closed).toBeUndefined();
  });

  it('counts channels per connection, not per app, and 0 means unlimited', async () => {
    const limited = new CoreHarness({ ...appConfig, limits: { maxChannelsPerConnection: 1 } });
    const [a, b] = [await limited.connect(), await limited.connect()];
    a.send({ event: 'pusher:subscribe', data: { channel: 'one' } });
    b.send({ event: 'pusher:subscribe', data: { channel: 'two' } });
    expect(b.socket.last('pusher_internal:subscription_succeeded')?.channel).toBe('two');
    const unlimited = await new CoreHarness({
      ...appConfig,
      limits: { maxChannelsPerConnection: 0 },
    }).connect();
    for (let i = 0; i < 150; i++)
      unlimited.send({ event: 'pusher:subscribe', data: { channel: `c${i}` } });
    expect(unlimited.socket.last('pusher:subscription_error')).toBeUndefined();
  });

  it('reports occupied and vacated once per channel', async () => {
    const core = new CoreHarness();
    const events: string[] = [];
    core.herald.observe({
      channelOccupied: (e) => events.push(`occupied ${e.channel}`),
      channelVacated: (e) => events.push(`vacated ${e.channel}`),
    });
    const a = await core.connect();
    const b = await core.connect();
    a.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
    b.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
    a.send({ event: 'pusher:unsubscribe', data: { channel: 'news' } });
    core.disconnect(b);
    expect(events).toEqual(['occupied news', 'vacated news']);
  });
});

describe('client events', () => {
  async function pair(config = appConfig) {
    const core = new CoreHarness(config);
    const a = await core.connect();
    const b = await core.connect();
    for (const c of [a, b]) {
      c.send({
        event: 'pusher:subscribe',
        data: { channel: 'private-chat', auth: signChannel(app, c.socketId, 'private-chat') },
      });
    }
    return { core, a, b };
  }

  it('relays to other subscribers and never echoes to the sender', async () => {
    const { a, b } = await pair();
    a.send({ event: 'client-typing', channel: 'private-chat', data: { x: 1 } });
    expect(b.socket.sent.at(-1)).toBe(
      '{"event":"client-typing","channel":"private-chat","data":{"x":1}}',
    );
    expect(a.socket.last('client-typing')).toBeUndefined();
  });

  it('adds user_id on presence channels', async () => {
    const core = new CoreHarness();
    const a = await core.connect();
    const b = await core.connect();
    joinPresence(a, 'presence-r', { user_id: 'ann' });
    joinPresence(b, 'presence-r', { user_id: 'bob' });
    a.send({ event: 'client-hi', channel: 'presence-r', data: {} });
    expect(b.socket.last('client-hi')).toEqual({
      event: 'client-hi',
      channel: 'presence-r',
      data: {},
      user_id: 'ann',
    });
  });

  it.each([
    ['public channel', 'news'],
    ['unsubscribed channel', 'private-other'],
  ])('refuses a client event on a %s with 4302', async (_label, channel) => {
    const { a } = await pair();
    a.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
    a.send({ event: 'client-x', channel, data: {} });
    expect(a.socket.last('pusher:error')?.data).toMatchObject({ code: 4302 });
  });

  it('refuses client events when the app disables them', async () => {
    const { a, b } = await pair({ ...appConfig, clientEvents: 'none' } as typeof appConfig);
    a.send({ event: 'client-x', channel: 'private-chat', data: {} });
    expect(a.socket.last('pusher:error')?.data).toMatchObject({ code: 4302 });
    expect(b.socket.last('client-x')).toBeUndefined();
  });

  it('drops client events over the per-second rate with 4301', async () => {
    const { core, a, b } = await pair({
      ...appConfig,
      limits: { maxClientEventsPerSecond: 2 },
    } as typeof appConfig);
    for (let i = 0; i < 3; i++) a.send({ event: 'client-n', channel: 'private-chat', data: i });
    expect(b.socket.messages.filter((m) => m.event === 'client-n')).toHaveLength(2);
    expect(a.socket.last('pusher:error')?.data).toMatchObject({ code: 4301 });
    core.clock.advance(1000);
    a.send({ event: 'client-n', channel: 'private-chat', data: 3 });
    expect(b.socket.messages.filter((m) => m.event === 'client-n')).toHaveLength(3);
  });
});
