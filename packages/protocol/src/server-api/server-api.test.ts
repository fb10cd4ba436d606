import { describe, expect, it } from 'vitest';
import { defineApp, type AppConfig } from '../apps/app';
import { createHerald } from '../server';
import { CoreHarness, flushPromises, type FakeClient } from '../testing/core-harness';
import { signedRequest } from '../testing/signed-request';
import { HeraldApiError } from './herald-api-error';

const appConfig: AppConfig = { id: 'app-id', key: 'app-key', secret: 'app-secret' };
const app = defineApp(appConfig);

async function http(core: CoreHarness, method: string, path: string, body = '', query = '') {
  const response = await core.herald.http.handle(
    signedRequest(app, method, path, body, core.clock.now(), query),
  );
  return { status: response.status, body: JSON.parse(response.body) as unknown };
}

/** What a refused in-process call threw, in the HTTP API's terms. */
async function refusal(call: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof HeraldApiError)) throw error;
    return { status: error.status, body: { error: error.message } };
  }
  throw new Error('the call was not refused');
}

function subscribe(client: FakeClient, channel: string, extra: object = {}) {
  client.send({ event: 'pusher:subscribe', data: { channel, ...extra } });
}

const events = (client: FakeClient, name: string) =>
  client.socket.messages.filter((m) => m.event === name);

describe('HeraldApi.trigger', () => {
  it('reaches subscribers except the socketId, with data sent as JSON', async () => {
    const core = new CoreHarness();
    const [a, b] = [await core.connect(), await core.connect()];
    for (const c of [a, b]) subscribe(c, 'orders');
    await core.herald.api.trigger('orders', 'shipped', { id: 7 }, { socketId: a.socketId });
    expect(events(a, 'shipped')).toEqual([]);
    expect(events(b, 'shipped')).toEqual([
      { event: 'shipped', channel: 'orders', data: '{"id":7}' },
    ]);
  });

  it('answers requested info exactly as POST /events does', async () => {
    const core = new CoreHarness();
    subscribe(await core.connect(), 'news');
    const viaApi = await core.herald.api.trigger(['news', 'empty'], 'e', 'x', {
      info: ['subscription_count', 'user_count'],
    });
    const viaHttp = await http(
      core,
      'POST',
      '/apps/app-id/events',
      JSON.stringify({
        name: 'e',
        data: 'x',
        channels: ['news', 'empty'],
        info: 'subscription_count,user_count',
      }),
    );
    expect(viaApi).toEqual(viaHttp.body);
    expect(viaApi).toEqual({
      channels: { news: { subscription_count: 1 }, empty: { subscription_count: 0 } },
    });
  });

  it.each([
    ['an empty event name', ['news'], '', 'x', {}],
    ['a bad channel name', ['bad name!'], 'e', 'x', {}],
    ['no channels', [], 'e', 'x', {}],
    ['too many channels', Array.from({ length: 101 }, (_, i) => `c${i}`), 'e', 'x', {}],
    ['data over the limit', ['news'], 'e', 'x'.repeat(10_241), {}],
    ['a malformed socket id', ['news'], 'e', 'x', { socket_id: 'nope' }],
  ])(
    'refuses %s with the status and message of the HTTP API',
    async (_l, channels, name, data, extra) => {
      const core = new CoreHarness();
      const socketId = (extra as { socket_id?: string }).socket_id;
      const viaApi = await refusal(
        core.herald.api.trigger(channels, name, data, socketId ? { socketId } : {}),
      );
      const viaHttp = await http(
        core,
        'POST',
        '/apps/app-id/events',
        JSON.stringify({ name, data, channels, ...extra }),
      );
      expect(viaHttp.status).toBeGreaterThanOrEqual(400);
      expect(viaApi).toEqual(viaHttp);
    },
  );
});

describe('HeraldApi.triggerBatch', () => {
  it('publishes every event and answers per-event info like POST /batch_events', async () => {
    const core = new CoreHarness();
    const client = await core.connect();
    subscribe(client, 'a');
    const result = await core.herald.api.triggerBatch([
      { channel: 'a', name: 'one', data: { n: 1 }, info: ['subscription_count'] },
      { channel: 'b', name: 'two', data: 'two' },
    ]);
    expect(result).toEqual({ batch: [{ subscription_count: 1 }, {}] });
    expect(events(client, 'one')).toHaveLength(1);
  });

  it('refuses the whole batch when one event is bad, publishing none', async () => {
    const core = new CoreHarness();
    const client = await core.connect();
    subscribe(client, 'a');
    const refused = await refusal(
      core.herald.api.triggerBatch([
        { channel: 'a', name: 'one', data: '1' },
        { channel: 'a', name: '', data: '2' },
      ]),
    );
    expect(refused).toEqual({
      status: 400,
      body: { error: 'batch[1].name must be a non-empty string' },
    });
    expect(events(client, 'one')).toEqual([]);
  });
});

describe('HeraldApi reads', () => {
  it('answers channels(), channel() and presenceMembers() with the HTTP API bodies', async () => {
    const core = new CoreHarness();
    const ann = await core.connect();
    subscribe(
      ann,
      'presence-room',
      await core.herald.api.authorizeChannel(ann.socketId, 'presence-room', { user_id: 'ann' }),
    );
    subscribe(await core.connect(), 'news');
    const api = core.herald.api;
    expect(await api.channels()).toEqual((await http(core, 'GET', '/apps/app-id/channels')).body);
    expect(await api.channels({ prefix: 'presence-', info: ['user_count'] })).toEqual({
      channels: { 'presence-room': { user_count: 1 } },
    });
    expect(
      await api.channel('presence-room', { info: ['subscription_count', 'user_count'] }),
    ).toEqual(
      (
        await http(
          core,
          'GET',
          '/apps/app-id/channels/presence-room',
          '',
          '&info=subscription_count,user_count',
        )
      ).body,
    );
    expect(await api.presenceMembers('presence-room')).toEqual({ users: [{ id: 'ann' }] });
    expect(await refusal(api.presenceMembers('news'))).toEqual(
      await http(core, 'GET', '/apps/app-id/channels/news/users'),
    );
    expect(await refusal(api.channels({ info: ['user_count'] }))).toEqual(
      await http(core, 'GET', '/apps/app-id/channels', '', '&info=user_count'),
    );
  });
});

describe('HeraldApi users', () => {
  it('sends to a signed-in user and terminates their connections', async () => {
    const core = new CoreHarness();
    const ann = await core.connect();
    const other = await core.connect();
    ann.send({
      event: 'pusher:signin',
      data: await core.herald.api.authenticateUser(ann.socketId, { id: 'ann' }),
    });
    subscribe(ann, '#server-to-user-ann');
    await flushPromises();
    await core.herald.api.sendToUser('ann', 'hello', { text: 'hi' });
    expect(events(ann, 'hello')).toEqual([
      { event: 'hello', channel: '#server-to-user-ann', data: '{"text":"hi"}' },
    ]);
    await core.herald.api.terminateUserConnections('ann');
    expect(ann.socket.closed).toBeDefined();
    expect(other.socket.closed).toBeUndefined();
  });
});

describe('HeraldApi gate', () => {
  it('spends the same per-second budget as the HTTP API and refuses with 429 and its headers', async () => {
    const core = new CoreHarness({ ...appConfig, limits: { apiEventsPerSecond: 2 } });
    expect(
      (
        await http(
          core,
          'POST',
          '/apps/app-id/events',
          JSON.stringify({ name: 'e', data: '1', channel: 'a' }),
        )
      ).status,
    ).toBe(200);
    await core.herald.api.trigger('a', 'e', '2');
    const error = await core.herald.api.trigger('a', 'e', '3').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeraldApiError);
    expect(error).toMatchObject({
      status: 429,
      message: 'Rate limit of 2 events per second exceeded',
    });
    expect((error as HeraldApiError).headers['x-ratelimit-remaining']).toBe('0');
    core.clock.advance(1000);
    await core.herald.api.trigger('a', 'e', '4');
  });

  it('refuses a trigger with 503 while the node is behind, as the HTTP API does', async () => {
    const core = new CoreHarness(appConfig, { fanoutChunkSize: 10, maxQueuedDeliveries: 5 });
    const clients = await Promise.all(Array.from({ length: 30 }, () => core.connect()));
    for (const c of clients) subscribe(c, 'news');
    await core.herald.api.trigger('news', 'e', '1');
    const error = await core.herald.api.trigger('news', 'e', '2').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, retryAfterSeconds: 1 });
    expect((error as Error).message).toMatch(/over capacity/);
    // Reads still answer.
    expect((await core.herald.api.channel('news')).occupied).toBe(true);
  });

  it('refuses a disabled app (403), an unknown app (404) and calls while draining (503)', async () => {
    const disabled = new CoreHarness({ ...appConfig, enabled: false });
    expect(await refusal(disabled.herald.api.trigger('a', 'e', '1'))).toEqual({
      status: 403,
      body: { error: 'App is disabled' },
    });
    const core = new CoreHarness();
    expect(await refusal(core.herald.api.forApp('nope').channels())).toEqual(
      await http(core, 'GET', '/apps/nope/channels'),
    );
    void core.herald.drain({ windowMs: 0 });
    expect((await refusal(core.herald.api.trigger('a', 'e', '1'))).status).toBe(503);
  });

  it('asks for forApp when the server serves several apps', async () => {
    const herald = createHerald({
      apps: [appConfig, { id: 'two', key: 'two-key', secret: 's' }],
    });
    await expect(herald.api.channels()).rejects.toThrow(TypeError);
    await expect(herald.api.forApp('two').channels()).resolves.toEqual({ channels: {} });
    await herald.close();
  });
});

describe('HeraldApi auth helpers', () => {
  it('signs a private subscription the server accepts', async () => {
    const core = new CoreHarness();
    const client = await core.connect();
    const auth = await core.herald.api.authorizeChannel(client.socketId, 'private-a');
    expect(Object.keys(auth)).toEqual(['auth']);
    subscribe(client, 'private-a', auth);
    expect(client.socket.last('pusher_internal:subscription_succeeded')?.channel).toBe('private-a');
  });

  it('returns channel_data for presence and refuses presence without a user_id', async () => {
    const core = new CoreHarness();
    const auth = await core.herald.api.authorizeChannel('1.2', 'presence-x', {
      user_id: 'u',
      user_info: { name: 'U' },
    });
    expect(auth.channel_data).toBe('{"user_id":"u","user_info":{"name":"U"}}');
    expect(await refusal(core.herald.api.authorizeChannel('1.2', 'presence-x'))).toMatchObject({
      status: 400,
    });
    expect(await refusal(core.herald.api.authorizeChannel('bad', 'private-x'))).toMatchObject({
      status: 400,
    });
  });
});
