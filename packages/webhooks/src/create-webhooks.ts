// createWebhooks(): turns the core's notifications into Pusher webhooks for each app's URLs.
import type { App, HeraldObserver, WebhookConfig } from '@herald/protocol';
import { DeadLetters, type DeadLetter } from './dead-letters';
import { Endpoint } from './endpoint';
import { LeaveDelay } from './leave-delay';
import { resolveWebhookOptions, type WebhookOptions } from './webhook-options';
import type { WebhookEvent } from './webhook-event';

/** What {@link createWebhooks} returns. */
export interface Webhooks {
  /** Add it to the core: `herald.observe(webhooks.observer)` or `createHerald({ observers: [...] })`. */
  readonly observer: HeraldObserver;
  /** The newest batches given up on (bounded; see `deadLetterCapacity`). */
  deadLetters(): readonly DeadLetter[];
  /** Counts since start. `deadLettered` includes letters the bounded record no longer holds. */
  stats(): { queuedBatches: number; heldLeaves: number; deadLettered: number };
  /**
   * Sends held leaves and pending batches now and waits for them, up to `closeTimeoutMs`; what is
   * still undelivered then becomes a dead letter. Later notifications are ignored.
   */
  close(): Promise<void>;
}

/**
 * Sends each app's webhooks (`app.webhooks`) in Pusher's format: a POST of
 * `{"time_ms": …, "events": [...]}` with `X-Pusher-Key` and `X-Pusher-Signature` (HMAC-SHA256 of the
 * raw body with the app secret), batched per app and URL, retried with exponential back-off.
 * With a scaling plugin the core reports occupancy and membership cluster-wide, once, so every
 * node can run this observer without duplicating webhooks.
 *
 * @example
 * ```ts
 * const webhooks = createWebhooks({ logger });
 * const herald = createHerald({ apps: [{ id: '1', key: 'k', secret: 's', webhooks: [{ url: 'https://example.com/pusher' }] }], observers: [webhooks.observer] });
 * ```
 */
export function createWebhooks(options: WebhookOptions = {}): Webhooks {
  const settings = resolveWebhookOptions(options);
  const deadLetters = new DeadLetters(settings.deadLetterCapacity);
  const leaves = new LeaveDelay(settings.leaveDelayMs);
  const endpoints = new Map<string, Endpoint>();
  let isClosed = false;

  const send = (app: App, event: WebhookEvent): void => {
    for (const hook of app.webhooks) {
      if (!wants(hook, event)) continue;
      const key = app.id + '\0' + hook.url;
      let endpoint = endpoints.get(key);
      if (!endpoint)
        endpoints.set(key, (endpoint = new Endpoint(app, hook, settings, deadLetters)));
      endpoint.add(app, hook, event);
    }
  };
  // Most apps have no webhooks: one length check keeps the observer free for them.
  const accepts = (app: App): boolean => !isClosed && app.webhooks.length > 0;

  const observer: HeraldObserver = {
    channelOccupied({ app, channel }) {
      if (!accepts(app) || leaves.rejoin(`c\0${app.id}\0${channel}`)) return;
      send(app, { name: 'channel_occupied', channel });
    },
    channelVacated({ app, channel }) {
      if (!accepts(app)) return;
      leaves.leave(`c\0${app.id}\0${channel}`, () =>
        send(app, { name: 'channel_vacated', channel }),
      );
    },
    memberAdded({ app, channel, userId }) {
      if (!accepts(app) || leaves.rejoin(`m\0${app.id}\0${channel}\0${userId}`)) return;
      send(app, { name: 'member_added', channel, user_id: userId });
    },
    memberRemoved({ app, channel, userId }) {
      if (!accepts(app)) return;
      leaves.leave(`m\0${app.id}\0${channel}\0${userId}`, () =>
        send(app, { name: 'member_removed', channel, user_id: userId }),
      );
    },
    clientEvent({ app, channel, event, data, socketId, userId }) {
      if (!accepts(app)) return;
      send(app, {
        name: 'client_event',
        channel,
        event,
        data: typeof data === 'string' ? data : JSON.stringify(data ?? null),
        socket_id: socketId,
        ...(userId === undefined ? {} : { user_id: userId }),
      });
    },
    cacheMiss({ app, channel }) {
      if (accepts(app)) send(app, { name: 'cache_miss', channel });
    },
    subscriptionCountChanged({ app, channel, count }) {
      if (accepts(app))
        send(app, { name: 'subscription_count', channel, subscription_count: count });
    },
  };

  return {
    observer,
    deadLetters: () => deadLetters.list(),
    stats: () => ({
      queuedBatches: [...endpoints.values()].reduce((sum, e) => sum + e.queuedBatches, 0),
      heldLeaves: leaves.size,
      deadLettered: deadLetters.total,
    }),
    async close() {
      if (isClosed) return;
      leaves.flush();
      isClosed = true;
      for (const endpoint of endpoints.values()) endpoint.isClosing = true;
      const drained = Promise.all([...endpoints.values()].map((e) => e.drain()));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<'timeout'>(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), settings.closeTimeoutMs)),
      );
      const result = await Promise.race([drained, timedOut]);
      clearTimeout(timer);
      if (result === 'timeout')
        for (const endpoint of endpoints.values())
          endpoint.abandon('server shut down before delivery');
    },
  };
}

function wants(hook: WebhookConfig, event: WebhookEvent): boolean {
  if (!hook.eventTypes.includes(event.name)) return false;
  const { channelNameStartsWith, channelNameEndsWith } = hook.filter;
  if (channelNameStartsWith !== undefined && !event.channel.startsWith(channelNameStartsWith))
    return false;
  return channelNameEndsWith === undefined || event.channel.endsWith(channelNameEndsWith);
}
