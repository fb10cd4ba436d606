import { describe, expect, it } from 'vitest';
import { signChannel } from '../auth/channel-auth';
import { defineApp } from '../apps/app';
import { CoreHarness } from '../testing/core-harness';
import { signedRequest } from '../testing/signed-request';

const appConfig = { id: 'app-id', key: 'app-key', secret: 'app-secret' };
const app = defineApp(appConfig);

function request(core: CoreHarness, method: string, path: string, body = '', extra = '') {
  return core.herald.http.handle(signedRequest(app, method, path, body, core.clock.now(), extra));
}

describe('HttpApiHandler', () => {
  it('reports a refused request against the app its path names, and an unknown app without one', async () => {
    const core = new CoreHarness();
    const seen: string[] = [];
    core.herald.observe({ apiRequest: (e) => seen.push(`${e.app?.id ?? '-'} ${e.status}`) });
    const wrongSecret = defineApp({ ...appConfig, secret: 'not-the-secret' });
    const body = JSON.stringify({ name: 'e', data: '{}', channel: 'news' });
    await core.herald.http.handle(
      signedRequest(wrongSecret, 'POST', '/apps/app-id/events', body, core.clock.now()),
    );
    await core.herald.http.handle(
      signedRequest(app, 'POST', '/apps/nope/events', body, core.clock.now()),
    );
    expect(seen).toEqual(['app-id 401', '- 404']);
  });

  it('answers /up without a signature', async () => {
    const res = await new CoreHarness().herald.http.handle({
      method: 'GET',
      path: '/up',
      query: '',
      headers: {},
      body: '',
    });
    expect(res.status).toBe(200);
  });

  it('publishes to subscribers except the excluded socket, and reports counts', async () => {
    const core = new CoreHarness();
    const a = await core.connect();
    const b = await core.connect();
    for (const c of [a, b]) c.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
    const body = JSON.stringify({
      name: 'update',
      data: '{"n":1}',
      channels: ['news', 'empty'],
      socket_id: a.socketId,
      info: 'subscription_count',
    });
    const res = await request(core, 'POST', '/apps/app-id/events', body);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      channels: { news: { subscription_count: 2 }, empty: { subscription_count: 0 } },
    });
    expect(b.socket.sent.at(-1)).toBe('{"event":"update","channel":"news","data":"{\\"n\\":1}"}');
    expect(a.socket.last('update')).toBeUndefined();
  });

  it('lists presence channels with user counts and the users of one', async () => {
    const core = new CoreHarness();
    const a = await core.connect();
    const data = '{"user_id":"u1"}';
    a.send({
      event: 'pusher:subscribe',
      data: {
        channel: 'presence-r',
        auth: signChannel(app, a.socketId, 'presence-r', data),
        channel_data: data,
      },
    });
    a.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
    const list = await request(
      core,
      'GET',
      '/apps/app-id/channels',
      '',
      '&filter_by_prefix=presence-&info=user_count',
    );
    expect(JSON.parse(list.body)).toEqual({ channels: { 'presence-r': { user_count: 1 } } });
    const all = await request(core, 'GET', '/apps/app-id/channels');
    expect(JSON.parse(all.body)).toEqual({ channels: { 'presence-r': {}, news: {} } });
    const one = await request(
      core,
      'GET',
      '/apps/app-id/channels/presence-r',
      '',
      '&info=user_count,subscription_count',
    );
    expect(JSON.parse(one.body)).toEqual({ occupied: true, subscription_count: 1, user_count: 1 });
    const users = await request(core, 'GET', '/apps/app-id/channels/presence-r/users');
    expect(JSON.parse(users.body)).toEqual({ users: [{ id: 'u1' }] });
  });

  it.each([
    ['unknown app', 'POST', '/apps/nope/events', 404],
    ['unknown route', 'GET', '/apps/app-id/nothing', 404],
    ['wrong method', 'GET', '/apps/app-id/events', 405],
  ])('answers %s with %i', async (_label, method, path, status) => {
    const res = await request(new CoreHarness(), method, path);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body).error).toEqual(expect.any(String));
  });

  it.each([
    ['invalid JSON', '{nope', 400],
    ['missing channels', '{"name":"e","data":"x"}', 400],
    ['non-string data', '{"name":"e","data":{},"channel":"a"}', 400],
    ['oversized data', JSON.stringify({ name: 'e', data: 'x'.repeat(10_241), channel: 'a' }), 413],
    [
      'too many channels',
      JSON.stringify({
        name: 'e',
        data: 'x',
        channels: Array.from({ length: 101 }, (_, i) => `c${i}`),
      }),
      400,
    ],
    ['invalid channel name', '{"name":"e","data":"x","channel":"bad name"}', 400],
  ])('refuses %s with %i', async (_label, body, status) => {
    const res = await request(new CoreHarness(), 'POST', '/apps/app-id/events', body);
    expect(res.status).toBe(status);
  });

  it('refuses user_count on a non-presence channel', async () => {
    const res = await request(
      new CoreHarness(),
      'GET',
      '/apps/app-id/channels/news',
      '',
      '&info=user_count',
    );
    expect(res.status).toBe(400);
  });

  it('refuses a batch over 10 events and accepts a valid one', async () => {
    const core = new CoreHarness();
    const event = { channel: 'a', name: 'e', data: 'x' };
    const tooMany = await request(
      core,
      'POST',
      '/apps/app-id/batch_events',
      JSON.stringify({ batch: Array(11).fill(event) }),
    );
    expect(tooMany.status).toBe(400);
    const ok = await request(
      core,
      'POST',
      '/apps/app-id/batch_events',
      JSON.stringify({ batch: [event, { ...event, info: 'subscription_count' }] }),
    );
    expect(JSON.parse(ok.body)).toEqual({ batch: [{}, { subscription_count: 0 }] });
  });

  it('answers a disabled app with 403', async () => {
    const res = await request(
      new CoreHarness({ ...appConfig, enabled: false }),
      'GET',
      '/apps/app-id/channels',
    );
    expect(res.status).toBe(403);
  });
});
