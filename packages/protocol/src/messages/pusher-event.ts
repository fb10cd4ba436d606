// Every event name on the wire, in one place.

/** Event names of the Pusher protocol 7 that Herald sends or understands. */
export const PusherEvent = Object.freeze({
  ConnectionEstablished: 'pusher:connection_established',
  Error: 'pusher:error',
  Ping: 'pusher:ping',
  Pong: 'pusher:pong',
  Subscribe: 'pusher:subscribe',
  Unsubscribe: 'pusher:unsubscribe',
  SubscriptionError: 'pusher:subscription_error',
  SubscriptionSucceeded: 'pusher_internal:subscription_succeeded',
  MemberAdded: 'pusher_internal:member_added',
  MemberRemoved: 'pusher_internal:member_removed',
  SubscriptionCount: 'pusher_internal:subscription_count',
  CacheMiss: 'pusher:cache_miss',
  Signin: 'pusher:signin',
  SigninSuccess: 'pusher:signin_success',
  WatchlistEvents: 'pusher_internal:watchlist_events',
} as const);

/** Prefix that marks an event as a client event (sent by one client to the others). */
export const CLIENT_EVENT_PREFIX = 'client-';

/** The protocol version Herald speaks. */
export const PROTOCOL_VERSION = 7;
