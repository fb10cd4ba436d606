// Webhook events in Pusher's wire form, one interface per `name`.

export interface ChannelOccupiedEvent {
  readonly name: 'channel_occupied';
  readonly channel: string;
}
export interface ChannelVacatedEvent {
  readonly name: 'channel_vacated';
  readonly channel: string;
}
export interface MemberAddedEvent {
  readonly name: 'member_added';
  readonly channel: string;
  readonly user_id: string;
}
export interface MemberRemovedEvent {
  readonly name: 'member_removed';
  readonly channel: string;
  readonly user_id: string;
}
export interface ClientEventEvent {
  readonly name: 'client_event';
  readonly channel: string;
  readonly event: string;
  /** What the client sent, as a JSON string (a string the client sent is passed as it is). */
  readonly data: string;
  readonly socket_id: string;
  /** On presence channels only. */
  readonly user_id?: string;
}
export interface CacheMissEvent {
  readonly name: 'cache_miss';
  readonly channel: string;
}
export interface SubscriptionCountEvent {
  readonly name: 'subscription_count';
  readonly channel: string;
  readonly subscription_count: number;
}

/** One entry of a webhook request's `events` array. */
export type WebhookEvent =
  | ChannelOccupiedEvent
  | ChannelVacatedEvent
  | MemberAddedEvent
  | MemberRemovedEvent
  | ClientEventEvent
  | CacheMissEvent
  | SubscriptionCountEvent;

/** The JSON body of one webhook request. */
export interface WebhookBody {
  readonly time_ms: number;
  readonly events: readonly WebhookEvent[];
}
