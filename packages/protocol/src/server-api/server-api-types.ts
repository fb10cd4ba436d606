// The server API's inputs and results: the Pusher HTTP API's bodies, typed.

/**
 * Event names mapped to the type of their `data`, for a typed server API:
 * `createNodeServer<{ 'order.shipped': Order }>(...)` makes `api.trigger(channel, 'order.shipped', data)`
 * check `data` against `Order`. The default accepts any name and any data.
 */
export type EventMap = Record<string, unknown>;

/** The event names of `Events`, as strings. */
export type EventName<Events extends EventMap> = Extract<keyof Events, string>;

/** Attributes a trigger can ask back per channel (`user_count` answers on presence channels only). */
export type TriggerInfo = 'subscription_count' | 'user_count';

/** Attributes `channel()` can ask for. */
export type ChannelInfo = 'subscription_count' | 'user_count' | 'cache';

/** Options of one trigger. */
export interface TriggerOptions {
  /** The socket that caused the event, which does not receive it (the Pusher `socket_id`). */
  readonly socketId?: string;
  /** Attributes to answer per channel, after the publish. */
  readonly info?: readonly TriggerInfo[];
}

/** One event of a batch. `data` that is not a string is sent as JSON. */
export type BatchEvent<Events extends EventMap = EventMap> = {
  [Name in EventName<Events>]: {
    readonly channel: string;
    readonly name: Name;
    readonly data: Events[Name];
    readonly socketId?: string;
    readonly info?: readonly TriggerInfo[];
  };
}[EventName<Events>];

/** Counts of one channel, as far as they were asked for. */
export interface ChannelAttributes {
  subscription_count?: number;
  user_count?: number;
}

/** What `trigger` resolves to: the `/events` response body (`channels` only when `info` was asked). */
export interface TriggerResult {
  channels?: Record<string, ChannelAttributes>;
}

/** What `triggerBatch` resolves to: the `/batch_events` body, one entry per event when `info` was asked. */
export interface BatchResult {
  batch?: ChannelAttributes[];
}

/** Options of `channels()`. */
export interface ChannelsOptions {
  /** Only channels whose name starts with this (`presence-` to ask for `user_count`). */
  readonly prefix?: string;
  readonly info?: readonly 'user_count'[];
}

/** What `channels()` resolves to: the `/channels` body, occupied channels across the cluster. */
export interface ChannelsResult {
  channels: Record<string, { user_count?: number }>;
}

/** What `channel()` resolves to: the `/channels/{name}` body. */
export interface ChannelResult {
  occupied: boolean;
  subscription_count?: number;
  user_count?: number;
  /** The cached event of a cache channel, with its seconds to live. */
  cache?: { event: string; data: string; ttl: number };
}

/** What `presenceMembers()` resolves to: the `/channels/{name}/users` body. */
export interface PresenceMembersResult {
  users: { id: string }[];
}

/** What pusher-js expects from a channel auth endpoint (`channel_data` on presence channels). */
export interface ChannelAuthResponse {
  auth: string;
  channel_data?: string;
}

/** What pusher-js expects from a user authentication endpoint (`pusher:signin`). */
export interface UserAuthResponse {
  auth: string;
  user_data: string;
}

/** A presence member as the app server vouches for it: `user_id` plus optional `user_info`. */
export interface PresenceData {
  readonly user_id: string | number;
  readonly user_info?: unknown;
}

/** A signed-in user: `id` plus anything else the app shares (`watchlist`, `user_info`). */
export interface UserData {
  readonly id: string;
  readonly [field: string]: unknown;
}

/** Options of a history read (`GET /channels/{name}/events?since=&limit=`). */
export interface HistoryOptions {
  /** Answer the events after this serial; without it, from the oldest one kept. */
  readonly since?: number;
  /** Most events in the answer. @default the app's `recovery.maxEvents`, also its cap */
  readonly limit?: number;
}

/** One kept event of a resumable channel, as the history endpoint answers it. */
export interface HistoryEventResult {
  readonly serial: number;
  readonly event: string;
  readonly data: unknown;
  /** On client events of presence channels. */
  readonly user_id?: string;
}

/** What `GET /channels/{name}/events` answers. */
export interface HistoryResult {
  /** Up to `limit` events, oldest first. */
  readonly events: HistoryEventResult[];
  /** The channel's newest serial (for a channel without events: where its numbering stands). */
  readonly serial: number;
  /**
   * `true` when `events` start right after `since` (or `since` was not given); `false` when
   * events after `since` are gone, and `events` are then the oldest ones still kept.
   */
  readonly complete: boolean;
  /** Why `complete` is false: `overflowed`, `expired` or `unknown`. */
  readonly reason?: string;
}
