// @herald/webhooks: Pusher-format webhooks, signed, batched per app, retried, cluster-wide.
export { createWebhooks } from './create-webhooks';
export type { Webhooks } from './create-webhooks';
export { WEBHOOK_DEFAULTS } from './webhook-options';
export type { WebhookOptions, WebhookLogger, WebhookOutcome } from './webhook-options';
export type { DeadLetter } from './dead-letters';
export { signWebhookBody } from './webhook-signature';
export { redactUrl } from './redact-url';
export type {
  WebhookBody,
  WebhookEvent,
  ChannelOccupiedEvent,
  ChannelVacatedEvent,
  MemberAddedEvent,
  MemberRemovedEvent,
  ClientEventEvent,
  CacheMissEvent,
  SubscriptionCountEvent,
} from './webhook-event';
