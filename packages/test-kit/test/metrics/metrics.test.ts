// Real-server tests: Herald on port 0, pusher-js clients and the pusher SDK, then exact samples from /metrics.
import { ErrorCode } from '@herald/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleValue } from '../../../metrics/test/exposition';
import {
  APP,
  QUIET_APP,
  nextErrorCode,
  nextEvent,
  pusherClient,
  start,
  subscribe,
  type Started,
} from './support';

let started: Started | undefined;

afterEach(async () => {
  await started?.stop();
  started = undefined;
});

const app = { app_id: APP.id };

describe('createMetrics on a real server', () => {
  it('counts connections by transport: ws and the HTTP fallback sessions', async () => {
    started = await start();
    await started.client();
    await started.client({ transport: 'xhr_streaming' });
    await started.client({ transport: 'xhr_polling' });
    await started.client({ transport: 'xhr_polling' });
    const metrics = await started.scrape();
    const opened = (transport: string) =>
      sampleValue(metrics, 'herald_connections_opened_total', { app_id: APP.id, transport });
    expect([opened('ws'), opened('xhr_streaming'), opened('xhr_polling')]).toEqual([1, 1, 2]);
    expect(sampleValue(metrics, 'herald_connections', { app_id: APP.id })).toBe(4);
  });

  it('reports connections, channels, subscriptions and presence members per app', async () => {
    started = await start();
    const alice = await started.client({ userId: 'alice' });
    const bob = await started.client({ userId: 'bob' });
    for (const client of [alice, bob]) {
      await subscribe(client, 'orders');
      await subscribe(client, 'presence-room');
    }
    const quiet = await started.client({ app: QUIET_APP });
    await subscribe(quiet, 'news');

    const metrics = await started.scrape();
    expect(sampleValue(metrics, 'herald_connections', app)).toBe(2);
    expect(
      sampleValue(metrics, 'herald_connections_opened_total', { ...app, transport: 'ws' }),
    ).toBe(2);
    expect(sampleValue(metrics, 'herald_channels', app)).toBe(2);
    expect(sampleValue(metrics, 'herald_subscriptions', app)).toBe(4);
    expect(sampleValue(metrics, 'herald_presence_members', app)).toBe(2);
    expect(sampleValue(metrics, 'herald_connections', { app_id: QUIET_APP.id })).toBe(1);
    expect(sampleValue(metrics, 'herald_subscriptions', { app_id: QUIET_APP.id })).toBe(1);
    // Two pusher:subscribe messages from each client; pusher-js sends nothing else before a ping.
    expect(sampleValue(metrics, 'herald_ws_messages_received_total', app)).toBe(4);
  });

  it('follows the gauges down when clients leave', async () => {
    started = await start();
    const alice = await started.client({ userId: 'alice' });
    await subscribe(alice, 'presence-room');
    // Made here rather than through started.client(), so the test decides when it goes.
    const bob = pusherClient(started.port, APP, 'bob');
    await subscribe(bob, 'presence-room');
    const left = nextEvent(alice.channel('presence-room'), 'pusher:member_removed');
    bob.disconnect();
    await left;

    const metrics = await started.scrape();
    expect(sampleValue(metrics, 'herald_connections', app)).toBe(1);
    expect(sampleValue(metrics, 'herald_presence_members', app)).toBe(1);
    expect(
      sampleValue(metrics, 'herald_connections_opened_total', { ...app, transport: 'ws' }),
    ).toBe(2);
  });

  it('counts one sent message per delivery of a published event, as the core counts them', async () => {
    started = await start();
    const channels = [];
    for (const userId of ['alice', 'bob', 'carol']) {
      channels.push(await subscribe(await started.client({ userId }), 'orders'));
    }
    const before = await started.scrape();
    const sentBefore = sampleValue(before, 'herald_ws_messages_sent_total', app)!;

    const delivered = channels.map((channel) => nextEvent(channel, 'order.shipped'));
    const response = await started.publisher().trigger('orders', 'order.shipped', { id: 7 });
    expect(response.status).toBe(200);
    await Promise.all(delivered);

    const after = await started.scrape();
    expect(sampleValue(after, 'herald_ws_messages_sent_total', app)).toBe(sentBefore + 3);
    expect(
      sampleValue(after, 'herald_api_requests_total', { ...app, method: 'POST', status: '200' }),
    ).toBe(1);
    const core = started.node.herald.stats().apps.find((stats) => stats.appId === APP.id)!;
    expect(sampleValue(after, 'herald_ws_messages_sent_total', app)).toBe(core.messagesOut);
    expect(sampleValue(after, 'herald_ws_bytes_sent_total', app)).toBe(core.bytesOut);
    expect(sampleValue(after, 'herald_ws_bytes_received_total', app)).toBe(core.bytesIn);
    expect(core.bytesOut).toBeGreaterThan(sampleValue(before, 'herald_ws_bytes_sent_total', app)!);
  });

  it('counts a request signed with the wrong secret under status 401', async () => {
    started = await start();
    await expect(
      started.publisher({ secret: 'wrong-secret' }).trigger('orders', 'order.shipped', {}),
    ).rejects.toMatchObject({ status: 401 });
    await started.publisher().trigger('orders', 'order.shipped', {});

    const metrics = await started.scrape();
    // The path named a real app: the refusal counts against it.
    expect(
      sampleValue(metrics, 'herald_api_requests_total', { ...app, method: 'POST', status: '401' }),
    ).toBe(1);
    expect(
      sampleValue(metrics, 'herald_api_requests_total', { ...app, method: 'POST', status: '200' }),
    ).toBe(1);
  });

  it('counts a connection with an unknown app key under code 4001', async () => {
    started = await start();
    const stranger = pusherClient(started.port, { ...APP, key: 'no-such-key' });
    const code = nextErrorCode(stranger);
    expect(await code).toBe(4001);
    stranger.disconnect();

    const metrics = await started.scrape();
    expect(sampleValue(metrics, 'herald_connections_rejected_total', { code: '4001' })).toBe(1);
    expect(metrics.get('herald_connections')!.samples).toEqual([]);
  });

  it('counts a refused client event as dropped and as a client error of its app', async () => {
    started = await start();
    const client = await started.client({ app: QUIET_APP });
    const channel = await subscribe(client, 'presence-room');
    const code = nextErrorCode(client);
    expect(channel.trigger('client-typing', {})).toBe(true);
    expect(await code).toBe(ErrorCode.ClientEventRejected);

    const metrics = await started.scrape();
    const quiet = { app_id: QUIET_APP.id };
    expect(
      sampleValue(metrics, 'herald_messages_dropped_total', {
        ...quiet,
        reason: 'client-event-rejected',
      }),
    ).toBe(1);
    expect(
      sampleValue(metrics, 'herald_client_errors_total', {
        ...quiet,
        code: String(ErrorCode.ClientEventRejected),
      }),
    ).toBe(1);
  });

  it('counts webhook outcomes and the events they carried', async () => {
    started = await start();
    started.metrics.observeWebhook({ appId: APP.id, outcome: 'sent', events: 3 });
    started.metrics.observeWebhook({ appId: APP.id, outcome: 'failed', events: 2 });
    started.metrics.observeWebhook({ appId: APP.id, outcome: 'failed', events: 2 });
    started.metrics.observeWebhook({ appId: APP.id, outcome: 'dead-letter', events: 2 });

    const metrics = await started.scrape();
    expect(sampleValue(metrics, 'herald_webhooks_total', { ...app, outcome: 'sent' })).toBe(1);
    expect(sampleValue(metrics, 'herald_webhooks_total', { ...app, outcome: 'failed' })).toBe(2);
    expect(sampleValue(metrics, 'herald_webhooks_total', { ...app, outcome: 'dead-letter' })).toBe(
      1,
    );
    expect(sampleValue(metrics, 'herald_webhook_events_total', { ...app, outcome: 'failed' })).toBe(
      4,
    );
  });

  it('has no bus metrics on a single node', async () => {
    started = await start();
    const names = [...(await started.scrape()).keys()];
    expect(names.filter((name) => /bus|peers|node_removals/.test(name))).toEqual([]);
    expect(names).toContain('herald_pending_fanouts');
  });
});
