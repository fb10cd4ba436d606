import { describe, expect, it } from 'vitest';
import { signChannel } from '../auth/channel-auth';
import { defineApp } from '../apps/app';
import { CoreHarness } from '../testing/core-harness';

const appConfig = { id: 'app-id', key: 'app-key', secret: 'app-secret' };
const app = defineApp(appConfig);

describe('SocketHandler', () => {
  it('establishes with a socket id and the activity timeout as a JSON string', async () => {
    const core = new CoreHarness(appConfig, { activityTimeoutSeconds: 45 });
    const client = await core.connect();
    const [established] = client.socket.messages;
    expect(established?.event).toBe('pusher:connection_established');
    expect(JSON.parse(established?.data as string)).toEqual({
      socket_id: client.socketId,
      activity_timeout: 45,
    });
    expect(client.socketId).toMatch(/^\d+\.\d+$/);
    expect(core.herald.connectionCount).toBe(1);
  });

  it.each([
    ['protocol=7', 'nope', 4001],
    ['', 'app-key', 4008],
    ['protocol=seven', 'app-key', 4006],
    ['protocol=6', 'app-key', 4007],
  ])('refuses query %j for key %s with %i', async (query, key, code) => {
    const core = new CoreHarness();
    const client = await core.connect(query, key);
    expect(client.socket.last('pusher:error')?.data).toMatchObject({ code });
    expect(client.socket.closed?.code).toBe(code);
  });

  it('refuses a disabled app with 4003 and a full app with 4004', async () => {
    const disabled = new CoreHarness({ ...appConfig, enabled: false });
    expect((await disabled.connect()).socket.closed?.code).toBe(4003);
    const full = new CoreHarness({ ...appConfig, limits: { maxConnections: 1 } });
    await full.connect();
    expect((await full.connect()).socket.closed?.code).toBe(4004);
  });

  it('answers pusher:ping with pusher:pong', async () => {
    const client = await new CoreHarness().connect();
    client.send({ event: 'pusher:ping', data: {} });
    expect(client.socket.sent.at(-1)).toBe('{"event":"pusher:pong","data":{}}');
  });

  it('pings a silent socket and closes it with 4201 when no pong follows', async () => {
    const core = new CoreHarness(appConfig, { activityTimeoutSeconds: 10, pongTimeoutMs: 5000 });
    const client = await core.connect();
    core.clock.advance(10_000);
    expect(client.socket.last('pusher:ping')).toBeDefined();
    expect(client.socket.closed).toBeUndefined();
    core.clock.advance(5_000);
    expect(client.socket.closed?.code).toBe(4201);
  });

  it('keeps a socket that answers the ping', async () => {
    const core = new CoreHarness(appConfig, { activityTimeoutSeconds: 10, pongTimeoutMs: 5000 });
    const client = await core.connect();
    core.clock.advance(10_000);
    client.send({ event: 'pusher:pong', data: {} });
    core.clock.advance(9_000);
    expect(client.socket.closed).toBeUndefined();
  });

  it('answers a bad frame with 4300 and keeps serving', async () => {
    const client = await new CoreHarness().connect();
    client.send('{not json');
    client.send('[1,2]');
    client.send({ event: 'pusher:subscribe', data: 5 });
    client.send({ event: 'nope:unknown' });
    const codes = client.socket.messages
      .filter((m) => m.event === 'pusher:error')
      .map((m) => (m.data as { code: number }).code);
    expect(codes).toEqual([4300, 4300, 4300, 4300]);
    client.send({ event: 'pusher:subscribe', data: { channel: 'ok' } });
    expect(client.socket.last('pusher_internal:subscription_succeeded')?.channel).toBe('ok');
  });

  it('closes a socket whose message exceeds the app limit with 4303', async () => {
    const core = new CoreHarness({ ...appConfig, limits: { maxMessageBytes: 100 } });
    const client = await core.connect();
    client.send({ event: 'pusher:ping', data: 'x'.repeat(200) });
    expect(client.socket.closed?.code).toBe(4303);
  });

  it('answers a binary frame with 4300 without closing', async () => {
    const core = new CoreHarness();
    const client = await core.connect();
    core.herald.connections.binary(client.ref);
    expect(client.socket.last('pusher:error')?.data).toMatchObject({ code: 4300 });
    expect(client.socket.closed).toBeUndefined();
  });

  it('closes a slow consumer with 4100 and reports the drop', async () => {
    const core = new CoreHarness(appConfig, { maxBufferedBytes: 1000 });
    const drops: string[] = [];
    core.herald.observe({ messageDropped: (e) => drops.push(e.reason) });
    const slow = await core.connect();
    slow.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
    slow.socket.bufferedAmount = 5000;
    slow.send({ event: 'pusher:ping', data: {} });
    expect(slow.socket.closed?.code).toBe(4100);
    expect(drops).toEqual(['slow-consumer']);
  });

  it('releases channels and members when a socket closes', async () => {
    const core = new CoreHarness();
    const a = await core.connect();
    const b = await core.connect();
    const data = JSON.stringify({ user_id: 'u1' });
    a.send({
      event: 'pusher:subscribe',
      data: {
        channel: 'presence-r',
        auth: signChannel(app, a.socketId, 'presence-r', data),
        channel_data: data,
      },
    });
    const data2 = JSON.stringify({ user_id: 'u2' });
    b.send({
      event: 'pusher:subscribe',
      data: {
        channel: 'presence-r',
        auth: signChannel(app, b.socketId, 'presence-r', data2),
        channel_data: data2,
      },
    });
    core.disconnect(a);
    expect(b.socket.last('pusher_internal:member_removed')).toEqual({
      event: 'pusher_internal:member_removed',
      channel: 'presence-r',
      data: '{"user_id":"u1"}',
    });
    core.disconnect(b);
    expect(core.herald.connectionCount).toBe(0);
  });

  it('replays messages sent before the app was resolved', async () => {
    const core = new CoreHarness();
    const { FakeSocket } = await import('../testing/fake-socket');
    const socket = new FakeSocket();
    const ref = core.herald.connections.open(socket, {
      path: '/app/app-key',
      query: 'protocol=7',
      headers: {},
      remoteAddress: '',
    });
    core.herald.connections.message(ref, '{"event":"pusher:ping","data":{}}');
    await new Promise((r) => setImmediate(r));
    expect(socket.messages.map((m) => m.event)).toEqual([
      'pusher:connection_established',
      'pusher:pong',
    ]);
  });

  it('closes a socket that floods messages while its app is still being resolved', async () => {
    const { createHerald } = await import('../server');
    const { FakeSocket } = await import('../testing/fake-socket');
    let release: (value: undefined) => void = () => undefined;
    const slowProvider = {
      findByKey: () => new Promise<undefined>((resolve) => (release = resolve)),
      findById: () => Promise.resolve(undefined),
      all: () => Promise.resolve([]),
    };
    const herald = createHerald({ apps: slowProvider });
    const socket = new FakeSocket();
    const ref = herald.connections.open(socket, {
      path: '/app/k',
      query: 'protocol=7',
      headers: {},
      remoteAddress: '',
    });
    for (let i = 0; i < 17; i++)
      herald.connections.message(ref, '{"event":"pusher:ping","data":{}}');
    expect(socket.closed?.code).toBe(4300);
    release(undefined);
    await herald.close();
  });
});
