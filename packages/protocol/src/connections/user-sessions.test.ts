import { describe, expect, it } from 'vitest';
import { defineApp } from '../apps/app';
import { signChannel } from '../auth/channel-auth';
import { signUser } from '../auth/user-auth';
import { CoreHarness, type FakeClient } from '../testing/core-harness';
import { signedRequest } from '../testing/signed-request';

const appConfig = { id: 'app-id', key: 'app-key', secret: 'app-secret' };
const app = defineApp(appConfig);

function signinAs(client: FakeClient, user: object) {
  const userData = JSON.stringify(user);
  client.send({
    event: 'pusher:signin',
    data: { auth: signUser(app, client.socketId, userData), user_data: userData },
  });
  return userData;
}

function joinPresence(client: FakeClient, channel: string, member: object) {
  const data = JSON.stringify(member);
  client.send({
    event: 'pusher:subscribe',
    data: { channel, auth: signChannel(app, client.socketId, channel, data), channel_data: data },
  });
}

function terminate(core: CoreHarness, userId: string) {
  return core.herald.http.handle(
    signedRequest(
      app,
      'POST',
      `/apps/app-id/users/${userId}/terminate_connections`,
      '{}',
      core.clock.now(),
    ),
  );
}

describe('user sessions', () => {
  it('answers a valid signin with pusher:signin_success echoing user_data', async () => {
    const client = await new CoreHarness().connect();
    const userData = signinAs(client, { id: 'u1', name: 'Ann' });
    expect(client.socket.last('pusher:signin_success')).toEqual({
      event: 'pusher:signin_success',
      data: JSON.stringify({ user_data: userData }),
    });
  });

  it.each([
    [
      'a bad signature',
      (c: FakeClient) =>
        c.send({ event: 'pusher:signin', data: { auth: 'app-key:00', user_data: '{"id":"1"}' } }),
    ],
    ['a missing id', (c: FakeClient) => signinAs(c, { name: 'x' })],
    ['a numeric id', (c: FakeClient) => signinAs(c, { id: 5 })],
  ])('closes with 4009 on %s', async (_label, act) => {
    const client = await new CoreHarness().connect();
    act(client);
    expect(client.socket.last('pusher:error')?.data).toMatchObject({ code: 4009 });
    expect(client.socket.closed?.code).toBe(4009);
  });

  it('lets only the signed-in user subscribe to their server-to-user channel', async () => {
    const core = new CoreHarness();
    const ann = await core.connect();
    const eve = await core.connect();
    signinAs(ann, { id: 'ann' });
    ann.send({ event: 'pusher:subscribe', data: { channel: '#server-to-user-ann' } });
    eve.send({ event: 'pusher:subscribe', data: { channel: '#server-to-user-ann' } });
    expect(ann.socket.last('pusher_internal:subscription_succeeded')?.channel).toBe(
      '#server-to-user-ann',
    );
    expect(eve.socket.last('pusher:subscription_error')?.data).toMatchObject({ status: 403 });
  });

  it('delivers sendToUser events to every socket of that user', async () => {
    const core = new CoreHarness();
    const tabs = [await core.connect(), await core.connect()];
    for (const tab of tabs) {
      signinAs(tab, { id: 'ann' });
      tab.send({ event: 'pusher:subscribe', data: { channel: '#server-to-user-ann' } });
    }
    const body = JSON.stringify({ name: 'note', data: '"hi"', channels: ['#server-to-user-ann'] });
    const res = await core.herald.http.handle(
      signedRequest(app, 'POST', '/apps/app-id/events', body, core.clock.now()),
    );
    expect(res.status).toBe(200);
    for (const tab of tabs) expect(tab.socket.last('note')?.data).toBe('"hi"');
  });

  it('tells watchers who is online at signin and when users come and go', async () => {
    const core = new CoreHarness();
    const bob = await core.connect();
    signinAs(bob, { id: 'bob' });
    const watcher = await core.connect();
    signinAs(watcher, { id: 'w', watchlist: ['bob', 'cat'] });
    const events = () =>
      watcher.socket.messages
        .filter((m) => m.event === 'pusher_internal:watchlist_events')
        .map((m) => JSON.parse(m.data as string));
    expect(events()).toEqual([{ events: [{ name: 'online', user_ids: ['bob'] }] }]);
    const cat = await core.connect();
    signinAs(cat, { id: 'cat' });
    core.disconnect(bob);
    expect(events().slice(1)).toEqual([
      { events: [{ name: 'online', user_ids: ['cat'] }] },
      { events: [{ name: 'offline', user_ids: ['bob'] }] },
    ]);
  });

  it('terminates every socket of a user through the HTTP API', async () => {
    const core = new CoreHarness();
    const tabs = [await core.connect(), await core.connect()];
    const other = await core.connect();
    for (const tab of tabs) signinAs(tab, { id: 'ann' });
    signinAs(other, { id: 'bob' });
    const res = await core.herald.http.handle(
      signedRequest(
        app,
        'POST',
        '/apps/app-id/users/ann/terminate_connections',
        '{}',
        core.clock.now(),
      ),
    );
    expect(res.status).toBe(200);
    expect(tabs.map((t) => t.socket.closed?.code)).toEqual([4009, 4009]);
    expect(other.socket.closed).toBeUndefined();
  });

  it('terminates the sockets present as the user on presence channels, signed in or not', async () => {
    const core = new CoreHarness();
    const inRoom = await core.connect();
    const inLobby = await core.connect();
    const signedIn = await core.connect();
    const other = await core.connect();
    joinPresence(inRoom, 'presence-room', { user_id: 'ann' });
    joinPresence(inLobby, 'presence-lobby', { user_id: 'ann' });
    signinAs(signedIn, { id: 'ann' });
    joinPresence(other, 'presence-room', { user_id: 'bob' });
    expect((await terminate(core, 'ann')).status).toBe(200);
    expect([inRoom, inLobby, signedIn].map((c) => c.socket.closed?.code)).toEqual([
      4009, 4009, 4009,
    ]);
    expect(inRoom.socket.last('pusher:error')?.data).toMatchObject({ code: 4009 });
    expect(other.socket.closed).toBeUndefined();
  });

  it('no longer terminates a socket that left its presence channels as the user', async () => {
    const core = new CoreHarness();
    const client = await core.connect();
    joinPresence(client, 'presence-room', { user_id: 'ann' });
    joinPresence(client, 'presence-lobby', { user_id: 'ann' });
    client.send({ event: 'pusher:unsubscribe', data: { channel: 'presence-room' } });
    client.send({ event: 'pusher:unsubscribe', data: { channel: 'presence-lobby' } });
    await terminate(core, 'ann');
    expect(client.socket.closed).toBeUndefined();
  });

  it('keeps terminating a socket while it is still present as the user on one channel', async () => {
    const core = new CoreHarness();
    const client = await core.connect();
    joinPresence(client, 'presence-room', { user_id: 'ann' });
    joinPresence(client, 'presence-lobby', { user_id: 'ann' });
    client.send({ event: 'pusher:unsubscribe', data: { channel: 'presence-room' } });
    await terminate(core, 'ann');
    expect(client.socket.closed?.code).toBe(4009);
  });

  it('closes a socket that does not sign in before the app deadline', async () => {
    const core = new CoreHarness(
      { ...appConfig, signinTimeoutMs: 2000 },
      { activityTimeoutSeconds: 1 },
    );
    const lazy = await core.connect();
    const prompt = await core.connect();
    signinAs(prompt, { id: 'p' });
    core.clock.advance(2500);
    expect(lazy.socket.closed?.code).toBe(4009);
    expect(prompt.socket.closed).toBeUndefined();
  });
});

describe('origins', () => {
  const withOrigins = {
    ...appConfig,
    allowedOrigins: ['https://app.example.com', 'https://*.example.org'],
  };

  async function connectFrom(core: CoreHarness, origin: string | undefined) {
    const { FakeSocket } = await import('../testing/fake-socket');
    const socket = new FakeSocket();
    core.herald.connections.open(socket, {
      path: '/app/app-key',
      query: 'protocol=7',
      headers: { origin },
      remoteAddress: '',
    });
    await new Promise((r) => setImmediate(r));
    return socket;
  }

  it.each([
    ['https://app.example.com', undefined],
    ['https://eu.example.org', undefined],
    [undefined, undefined],
    ['https://evil.com', 4009],
    ['https://example.org', 4009],
  ])('origin %s closes with %s', async (origin, code) => {
    const socket = await connectFrom(new CoreHarness(withOrigins), origin);
    expect(socket.closed?.code).toBe(code);
  });
});
