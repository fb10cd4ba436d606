import { describe, expect, it } from 'vitest';
import { CoreHarness } from '../testing/core-harness';

describe('drain', () => {
  it('closes every socket with 4200 within the window and refuses newcomers', async () => {
    const core = new CoreHarness();
    const clients = await Promise.all(Array.from({ length: 20 }, () => core.connect()));
    const done = core.herald.drain({ windowMs: 10_000 });
    expect(core.herald.isDraining).toBe(true);
    const ready = await core.herald.http.handle({
      method: 'GET',
      path: '/ready',
      query: '',
      headers: {},
      body: '',
    });
    expect(ready.status).toBe(503);
    const late = await core.connect();
    expect(late.socket.closed?.code).toBe(4200);
    core.clock.advance(10_000);
    await done;
    expect(clients.map((c) => c.socket.closed?.code)).toEqual(Array(20).fill(4200));
  });

  it('spreads the closes over the window rather than closing all at once', async () => {
    const core = new CoreHarness();
    const clients = await Promise.all(Array.from({ length: 200 }, () => core.connect()));
    void core.herald.drain({ windowMs: 10_000 });
    core.clock.advance(5_000);
    const closedByHalf = clients.filter((c) => c.socket.closed).length;
    expect(closedByHalf).toBeGreaterThan(0);
    expect(closedByHalf).toBeLessThan(200);
  });
});

describe('churn', () => {
  it('leaves no channel, member, user or connection behind after 10,000 cycles', async () => {
    const core = new CoreHarness({
      id: 'app-id',
      key: 'app-key',
      secret: 'app-secret',
      limits: { maxPresenceMembers: 100_000 },
    });
    const { signChannel } = await import('../auth/channel-auth');
    const { defineApp } = await import('../apps/app');
    const app = defineApp({ id: 'app-id', key: 'app-key', secret: 'app-secret' });
    const keeper = await core.connect();
    keeper.send({ event: 'pusher:subscribe', data: { channel: 'stay' } });
    for (let i = 0; i < 10_000; i++) {
      const c = await core.connect();
      c.send({ event: 'pusher:subscribe', data: { channel: `ch-${i % 50}` } });
      const data = JSON.stringify({ user_id: `u${i}` });
      c.send({
        event: 'pusher:subscribe',
        data: {
          channel: 'presence-p',
          auth: signChannel(app, c.socketId, 'presence-p', data),
          channel_data: data,
        },
      });
      if (i % 2 === 0) c.send({ event: 'pusher:unsubscribe', data: { channel: `ch-${i % 50}` } });
      core.disconnect(c);
    }
    const { signedRequest } = await import('../testing/signed-request');
    const list = await core.herald.http.handle(
      signedRequest(app, 'GET', '/apps/app-id/channels', '', core.clock.now()),
    );
    expect(JSON.parse(list.body)).toEqual({ channels: { stay: {} } });
    const users = await core.herald.http.handle(
      signedRequest(app, 'GET', '/apps/app-id/channels/presence-p/users', '', core.clock.now()),
    );
    expect(JSON.parse(users.body)).toEqual({ users: [] });
    expect(core.herald.connectionCount).toBe(1);
    // Only the activity sweep and the lag probe remain: no per-connection or per-channel timer leaked.
    expect(core.clock.pendingTimers).toBe(2);
    expect(
      keeper.socket.messages.filter((m) => m.event === 'pusher_internal:subscription_succeeded'),
    ).toHaveLength(1);
  });
});
