import { describe, expect, it } from 'vitest';
import { defineApp } from '../apps/app';
import { signChannel } from '../auth/channel-auth';
import { CoreHarness } from '../testing/core-harness';
import { signedRequest } from '../testing/signed-request';

const appConfig = { id: 'app-id', key: 'app-key', secret: 'app-secret', cacheTtlSeconds: 60 };
const app = defineApp(appConfig);

function publish(core: CoreHarness, channel: string, data: string) {
  const body = JSON.stringify({ name: 'price', data, channel });
  return core.herald.http.handle(
    signedRequest(app, 'POST', '/apps/app-id/events', body, core.clock.now()),
  );
}

describe('cache channels', () => {
  it('sends pusher:cache_miss when nothing was published', async () => {
    const core = new CoreHarness(appConfig);
    const client = await core.connect();
    client.send({ event: 'pusher:subscribe', data: { channel: 'cache-prices' } });
    expect(client.socket.messages.slice(-2).map((m) => m.event)).toEqual([
      'pusher_internal:subscription_succeeded',
      'pusher:cache_miss',
    ]);
    expect(client.socket.sent.at(-1)).toBe(
      '{"event":"pusher:cache_miss","channel":"cache-prices"}',
    );
  });

  it('delivers the last API event right after subscription_succeeded, even if nobody listened', async () => {
    const core = new CoreHarness(appConfig);
    await publish(core, 'cache-prices', '1');
    await publish(core, 'cache-prices', '2');
    const client = await core.connect();
    client.send({ event: 'pusher:subscribe', data: { channel: 'cache-prices' } });
    expect(client.socket.sent.slice(-1)).toEqual([
      '{"event":"price","channel":"cache-prices","data":"2"}',
    ]);
  });

  it('forgets the event after the TTL', async () => {
    const core = new CoreHarness(appConfig);
    await publish(core, 'cache-prices', '1');
    core.clock.advance(60_000);
    const client = await core.connect();
    client.send({ event: 'pusher:subscribe', data: { channel: 'cache-prices' } });
    expect(client.socket.last('pusher:cache_miss')).toBeDefined();
  });

  it('never caches client events', async () => {
    const core = new CoreHarness(appConfig);
    const a = await core.connect();
    a.send({
      event: 'pusher:subscribe',
      data: { channel: 'private-cache-c', auth: signChannel(app, a.socketId, 'private-cache-c') },
    });
    a.send({ event: 'client-x', channel: 'private-cache-c', data: {} });
    const b = await core.connect();
    b.send({
      event: 'pusher:subscribe',
      data: { channel: 'private-cache-c', auth: signChannel(app, b.socketId, 'private-cache-c') },
    });
    expect(b.socket.last('pusher:cache_miss')).toBeDefined();
  });

  it('answers info=cache on the channel endpoint', async () => {
    const core = new CoreHarness(appConfig);
    await publish(core, 'cache-prices', '7');
    const res = await core.herald.http.handle(
      signedRequest(
        app,
        'GET',
        '/apps/app-id/channels/cache-prices',
        '',
        core.clock.now(),
        '&info=cache',
      ),
    );
    expect(JSON.parse(res.body)).toEqual({
      occupied: false,
      cache: { event: 'price', data: '7', ttl: 60 },
    });
  });
});

describe('subscription_count', () => {
  it('tells subscribers the new count once per throttle window', async () => {
    const core = new CoreHarness(
      { ...appConfig, subscriptionCount: true },
      { subscriptionCountThrottleMs: 500 },
    );
    const a = await core.connect();
    const b = await core.connect();
    a.send({ event: 'pusher:subscribe', data: { channel: 'room' } });
    b.send({ event: 'pusher:subscribe', data: { channel: 'room' } });
    expect(a.socket.last('pusher_internal:subscription_count')).toBeUndefined();
    core.clock.advance(500);
    expect(
      a.socket.messages.filter((m) => m.event === 'pusher_internal:subscription_count'),
    ).toEqual([
      {
        event: 'pusher_internal:subscription_count',
        channel: 'room',
        data: '{"subscription_count":2}',
      },
    ]);
    b.send({ event: 'pusher:unsubscribe', data: { channel: 'room' } });
    core.clock.advance(500);
    expect(a.socket.last('pusher_internal:subscription_count')?.data).toBe(
      '{"subscription_count":1}',
    );
  });

  it('is off unless the app enables it', async () => {
    const core = new CoreHarness(appConfig);
    const a = await core.connect();
    a.send({ event: 'pusher:subscribe', data: { channel: 'room' } });
    core.clock.advance(5000);
    expect(a.socket.last('pusher_internal:subscription_count')).toBeUndefined();
  });
});
