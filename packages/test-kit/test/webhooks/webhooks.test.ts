import { createNodeServer } from '@herald/node';
import type { AppConfig } from '@herald/protocol';
import {
  OTHER_APP,
  TEST_APP,
  type PresenceUser,
  createPusherClient,
  disconnectPusher,
  nextEvent,
  waitFor,
  whenConnected,
  whenSubscribed,
} from '../../src/index';
import type PusherClient from 'pusher-js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createWebhooks, type WebhookOptions, type WebhookOutcome } from '@herald/webhooks';
import { isSignedFor, startReceiver, type Receiver } from './receiver';

const FAST: WebhookOptions = {
  batchWindowMs: 20,
  leaveDelayMs: 300,
  retryBaseMs: 50,
  retryMaxMs: 200,
  timeoutMs: 1000,
};

async function startServer(apps: AppConfig[], options: WebhookOptions = {}) {
  const outcomes: WebhookOutcome[] = [];
  const webhooks = createWebhooks({ ...FAST, onOutcome: (o) => outcomes.push(o), ...options });
  const server = createNodeServer({
    apps,
    host: '127.0.0.1',
    port: 0,
    closeTimeoutMs: 500,
    subscriptionCountThrottleMs: 50,
    observers: [webhooks.observer],
  });
  const address = await server.listen();
  const clients: PusherClient[] = [];
  onTestFinished(async () => {
    await Promise.all(clients.map((c) => disconnectPusher(c)));
    await server.close();
    await webhooks.close();
  });
  const client = async (app: AppConfig = apps[0]!, user?: PresenceUser) => {
    const c = createPusherClient({ server: address, app, ...(user ? { user } : {}) });
    clients.push(c);
    await whenConnected(c);
    return c;
  };
  return { webhooks, server, address, outcomes, client };
}

const names = (receiver: Receiver, app: AppConfig = TEST_APP) =>
  receiver
    .validEvents(app)
    .map((e) =>
      [e.name, e.channel, 'user_id' in e ? e.user_id : undefined].filter(Boolean).join(' '),
    );

describe('webhooks', () => {
  it('sends channel and member events in Pusher format, signed so the pusher SDK validates them', async () => {
    const receiver = await startReceiver();
    const app = { ...TEST_APP, webhooks: [{ url: receiver.url }] };
    const { client } = await startServer([app]);
    const ann = await client(app, { user_id: 'ann', user_info: { name: 'Ann' } });
    await whenSubscribed(ann.subscribe('presence-room'));
    await waitFor(() =>
      expect(names(receiver, app)).toEqual([
        'channel_occupied presence-room',
        'member_added presence-room ann',
      ]),
    );
    ann.unsubscribe('presence-room');
    await waitFor(() =>
      expect(names(receiver, app).slice(2)).toEqual([
        'member_removed presence-room ann',
        'channel_vacated presence-room',
      ]),
    );

    const hook = receiver.received[0]!;
    expect(hook.headers['x-pusher-key']).toBe(app.key);
    expect(hook.headers['content-type']).toBe('application/json');
    const body = JSON.parse(hook.rawBody) as { time_ms: number; events: unknown[] };
    expect(Math.abs(body.time_ms - Date.now())).toBeLessThan(10_000);
    // One batch for the join: both events arrived within the batch window.
    expect(body.events).toEqual([
      { name: 'channel_occupied', channel: 'presence-room' },
      { name: 'member_added', channel: 'presence-room', user_id: 'ann' },
    ]);
  });

  it('batches per app, never across apps, each signed with its own secret', async () => {
    const receiver = await startReceiver();
    const apps = [
      { ...TEST_APP, webhooks: [{ url: receiver.url }] },
      { ...OTHER_APP, webhooks: [{ url: receiver.url }] },
    ];
    const { client } = await startServer(apps);
    const [a, b] = await Promise.all(apps.map((app) => client(app)));
    a!.subscribe('one');
    b!.subscribe('two');
    await waitFor(() => expect(receiver.received).toHaveLength(2));
    const byKey = Object.fromEntries(
      receiver.received.map((h) => [
        h.headers['x-pusher-key'],
        JSON.parse(h.rawBody) as { events: unknown[] },
      ]),
    );
    expect(byKey[TEST_APP.key]!.events).toEqual([{ name: 'channel_occupied', channel: 'one' }]);
    expect(byKey[OTHER_APP.key]!.events).toEqual([{ name: 'channel_occupied', channel: 'two' }]);
    // A body signed with app B's secret must not validate as app A's.
    const other = receiver.received.find((h) => h.headers['x-pusher-key'] === OTHER_APP.key)!;
    expect(isSignedFor(other, OTHER_APP)).toBe(true);
    expect(isSignedFor(other, TEST_APP)).toBe(false);
  });

  it('sends client events with data, socket id and user id, filtered by event type and channel name', async () => {
    const receiver = await startReceiver();
    const app = {
      ...TEST_APP,
      webhooks: [
        {
          url: receiver.url,
          eventTypes: ['client_event' as const],
          filter: { channelNameStartsWith: 'presence-chat' },
        },
      ],
    };
    const { client } = await startServer([app]);
    const [ann, bob] = [
      await client(app, { user_id: 'ann' }),
      await client(app, { user_id: 'bob' }),
    ];
    const annRoom = ann.subscribe('presence-chat');
    const bobRoom = bob.subscribe('presence-chat');
    const other = ann.subscribe('presence-other');
    await Promise.all([whenSubscribed(annRoom), whenSubscribed(bobRoom), whenSubscribed(other)]);
    const heard = nextEvent(bobRoom, 'client-typing');
    annRoom.trigger('client-typing', { typing: true });
    other.trigger('client-typing', { typing: false }); // filtered out by channel name
    await heard;
    await waitFor(() => expect(receiver.validEvents(app)).toHaveLength(1));
    expect(receiver.validEvents(app)[0]).toEqual({
      name: 'client_event',
      channel: 'presence-chat',
      event: 'client-typing',
      data: '{"typing":true}',
      socket_id: ann.connection.socket_id,
      user_id: 'ann',
    });
  });

  it('holds channel_vacated and member_removed briefly, so a quick re-join sends nothing', async () => {
    const receiver = await startReceiver();
    const app = { ...TEST_APP, webhooks: [{ url: receiver.url }] };
    const { client } = await startServer([app], { leaveDelayMs: 800 });
    const ann = await client(app, { user_id: 'ann' });
    await whenSubscribed(ann.subscribe('presence-room'));
    await waitFor(() => expect(names(receiver, app)).toHaveLength(2));
    ann.unsubscribe('presence-room');
    await new Promise((r) => setTimeout(r, 100));
    await whenSubscribed(ann.subscribe('presence-room'));
    await new Promise((r) => setTimeout(r, 1200));
    expect(names(receiver, app)).toEqual([
      'channel_occupied presence-room',
      'member_added presence-room ann',
    ]);
  });

  it('retries failed deliveries with back-off until the receiver accepts them', async () => {
    const receiver = await startReceiver();
    receiver.script = [500, 503, 'hang'];
    const app = { ...TEST_APP, webhooks: [{ url: receiver.url }] };
    const { client, outcomes } = await startServer([app], { timeoutMs: 300 });
    const c = await client(app);
    c.subscribe('news');
    await waitFor(() => expect(names(receiver, app)).toEqual(['channel_occupied news']), {
      timeoutMs: 5000,
    });
    // The receiver records a request before the sender has read its answer.
    await waitFor(() =>
      expect(
        outcomes.map((o) => `${o.outcome}${o.status === undefined ? '' : ` ${o.status}`}`),
      ).toEqual(['failed 500', 'failed 503', 'failed', 'sent 200']),
    );
    expect(outcomes.map((o) => o.attempt)).toEqual([1, 2, 3, 4]);
    const gaps = receiver.received.slice(1).map((h, i) => h.atMs - receiver.received[i]!.atMs);
    expect(gaps[0]).toBeGreaterThanOrEqual(20); // back-off between attempts, not a tight loop
  });

  it('records a batch the receiver refuses (4xx) as a dead letter without retrying, and one that keeps failing after maxAttempts', async () => {
    const receiver = await startReceiver();
    receiver.script = [400, 500, 500];
    const app = {
      ...TEST_APP,
      webhooks: [{ url: receiver.url, eventTypes: ['channel_occupied' as const] }],
    };
    const { client, webhooks, outcomes } = await startServer([app], { maxAttempts: 2 });
    const c = await client(app);
    c.subscribe('first');
    await waitFor(() => expect(webhooks.deadLetters()).toHaveLength(1));
    c.subscribe('second');
    await waitFor(() => expect(webhooks.deadLetters()).toHaveLength(2));
    const [refused, exhausted] = webhooks.deadLetters();
    expect(refused).toMatchObject({
      appId: app.id,
      url: receiver.url,
      attempts: 1,
      reason: 'HTTP 400',
      events: [{ name: 'channel_occupied', channel: 'first' }],
    });
    expect(exhausted).toMatchObject({
      attempts: 2,
      reason: 'HTTP 500',
      events: [{ name: 'channel_occupied', channel: 'second' }],
    });
    expect(outcomes.filter((o) => o.outcome === 'dead-letter')).toHaveLength(2);
    expect(webhooks.stats().deadLettered).toBe(2);
  });

  it('sends cache_miss and subscription_count', async () => {
    const receiver = await startReceiver();
    const app = {
      ...TEST_APP,
      subscriptionCount: true,
      webhooks: [
        { url: receiver.url, eventTypes: ['cache_miss' as const, 'subscription_count' as const] },
      ],
    };
    const { client } = await startServer([app]);
    const [a, b] = [await client(app), await client(app)];
    await whenSubscribed(a.subscribe('cache-prices'));
    await whenSubscribed(b.subscribe('ticker'));
    await whenSubscribed(a.subscribe('ticker'));
    await waitFor(() =>
      expect(receiver.validEvents(app)).toContainEqual({
        name: 'subscription_count',
        channel: 'ticker',
        subscription_count: 2,
      }),
    );
    expect(receiver.validEvents(app)).toContainEqual({
      name: 'cache_miss',
      channel: 'cache-prices',
    });
  });

  it('sends held leaves when closed, instead of losing them', async () => {
    const receiver = await startReceiver();
    const app = { ...TEST_APP, webhooks: [{ url: receiver.url }] };
    const { client, webhooks } = await startServer([app], { leaveDelayMs: 60_000 });
    const c = await client(app);
    await whenSubscribed(c.subscribe('news'));
    c.unsubscribe('news');
    await waitFor(() => expect(webhooks.stats().heldLeaves).toBe(1));
    await webhooks.close();
    expect(names(receiver, app)).toEqual(['channel_occupied news', 'channel_vacated news']);
  });
});
