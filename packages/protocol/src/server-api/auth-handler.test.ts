import { describe, expect, it } from 'vitest';
import { CoreHarness } from '../testing/core-harness';
import { createAuthHandler } from './auth-handler';

interface User {
  id: string;
  name: string;
}
const ann: User = { id: 'ann', name: 'Ann' };

function handler(core: CoreHarness) {
  return createAuthHandler(core.herald.api, {
    user: (request) => (request.headers.get('x-user') === 'ann' ? ann : undefined),
    authorize: (user, channel) => {
      if (channel === 'private-secret') return false;
      return channel.startsWith('presence-')
        ? { user_id: user.id, user_info: { name: user.name } }
        : true;
    },
    userData: (user) => ({ id: user.id }),
  });
}

/** A request as pusher-js sends it: a form body. */
function form(fields: Record<string, string>, user = 'ann'): Request {
  return new Request('http://app.test/broadcasting/auth', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-user': user },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('createAuthHandler', () => {
  it('answers a private channel with an auth the server accepts', async () => {
    const core = new CoreHarness();
    const client = await core.connect();
    const response = await handler(core)(
      form({ socket_id: client.socketId, channel_name: 'private-a' }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { auth: string };
    expect(Object.keys(body)).toEqual(['auth']);
    client.send({ event: 'pusher:subscribe', data: { channel: 'private-a', ...body } });
    expect(client.socket.last('pusher_internal:subscription_succeeded')?.channel).toBe('private-a');
  });

  it('answers a presence channel with the member authorize() returned, as JSON bodies too', async () => {
    const core = new CoreHarness();
    const client = await core.connect();
    const response = await handler(core)(
      new Request('http://app.test/broadcasting/auth', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': 'ann' },
        body: JSON.stringify({ socket_id: client.socketId, channel_name: 'presence-room' }),
      }),
    );
    const body = (await response.json()) as { auth: string; channel_data: string };
    expect(body.channel_data).toBe('{"user_id":"ann","user_info":{"name":"Ann"}}');
    client.send({ event: 'pusher:subscribe', data: { channel: 'presence-room', ...body } });
    expect(client.socket.last('pusher_internal:subscription_succeeded')?.channel).toBe(
      'presence-room',
    );
  });

  it('signs a user sign-in when the body names no channel', async () => {
    const core = new CoreHarness();
    const client = await core.connect();
    const response = await handler(core)(form({ socket_id: client.socketId }));
    const body = (await response.json()) as { auth: string; user_data: string };
    expect(body.user_data).toBe('{"id":"ann"}');
    client.send({ event: 'pusher:signin', data: body });
    expect(client.socket.last('pusher:signin_success')).toBeDefined();
  });

  it('refuses with 403 when there is no user or authorize() says no, and 400 on a bad socket id', async () => {
    const core = new CoreHarness();
    const auth = handler(core);
    const nobody = await auth(form({ socket_id: '1.2', channel_name: 'private-a' }, 'eve'));
    expect(nobody.status).toBe(403);
    const refused = await auth(form({ socket_id: '1.2', channel_name: 'private-secret' }));
    expect([refused.status, await refused.json()]).toEqual([
      403,
      { error: 'Not allowed on private-secret' },
    ]);
    const bad = await auth(form({ socket_id: 'x', channel_name: 'private-a' }));
    expect([bad.status, await bad.json()]).toEqual([
      400,
      { error: 'socket_id must look like "123.456"' },
    ]);
  });
});
