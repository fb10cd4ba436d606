// @herald/echo: laravel-echo + pusher-js for Herald: interceptors, honest status, backoff, shared channels.
export { createEcho } from './create-echo';
export type { HeraldEcho } from './create-echo';
export { CREATE_ECHO_DEFAULTS } from './echo-options';
export type { CreateEchoOptions } from './echo-options';
export { resolveConnection } from './connection-config';
export type {
  ConnectionConfigOptions,
  HeraldBroadcaster,
  PusherTransport,
  ResolvedConnection,
} from './connection-config';

export { wrapFetch, installFetchInterceptor } from './interceptors/fetch';
export { installAxiosInterceptor } from './interceptors/axios';
export type { AxiosLike, AxiosLikeRequestConfig } from './interceptors/axios';
export { installXhrInterceptor } from './interceptors/xhr';
export type { XhrConstructorLike } from './interceptors/xhr';
export { installInertiaInterceptor } from './interceptors/inertia';
export type { InertiaRouterLike, InertiaBeforeEvent } from './interceptors/inertia';
export { SOCKET_ID_HEADER, readSocketId } from './socket-id';
export type { SocketIdSource } from './socket-id';

export { INITIAL_CONNECTION_STATUS } from './connection-status';
export type {
  ConnectionState,
  ConnectionStatus,
  ConnectionStatusStore,
  ConnectionError,
} from './connection-status';
export { createBackoff, BACKOFF_DEFAULTS } from './backoff';
export type { Backoff, BackoffOptions } from './backoff';
export { Reconnector } from './reconnector';
export type { ConnectionDriver, ReconnectorTiming } from './reconnector';
export { systemClock } from './clock';
export type { Clock, TimerHandle } from './clock';
export { createStore } from './store';
export type { ReadableStore, WritableStore } from './store';

export { createChannelRegistry } from './channel-registry';
export type { ChannelRegistry, ChannelRegistryDeps } from './channel-registry';
export type { ChannelLease, EventMap, EchoChannelLike } from './channel-lease';
export { createChannelRecovery } from './channel-recovery';
export type { ChannelRecovery, RecoveryOutcome } from './channel-recovery';
export { ChannelPrefix, fullChannelName } from './channel-name';
export type { ChannelKind } from './channel-name';
export { createPresenceRoster } from './presence-roster';
export type { PresenceMember, PresenceRoster, PresenceRosterStore } from './presence-roster';
export { createOfflineQueue, OFFLINE_QUEUE_DEFAULTS } from './offline-queue';
export type {
  OfflineQueue,
  OfflineQueueOptions,
  OfflineQueueState,
  QueuedClientEvent,
  ClientEventDropReason,
  DrainVerdict,
} from './offline-queue';
export { createClientEventPacer, CLIENT_EVENT_RATE_DEFAULTS } from './client-event-pacer';
export type { ClientEventPacer, ClientEventRateOptions } from './client-event-pacer';
export type { WhisperOptions, WhisperResult } from './whisper';
export { createChannelAuthHandler, ChannelAuthError, CHANNEL_AUTH_DEFAULTS } from './channel-auth';
export type { ChannelAuthOptions } from './channel-auth';
export {
  createEchoHolder,
  connectionStatusOf,
  offlineQueueOf,
  INITIAL_OFFLINE_QUEUE_STATE,
} from './echo-holder';
export type { EchoHolder, EchoSource } from './echo-holder';
export { configureEcho, echo, echoIsConfigured, globalEchoHolder } from './global-echo';
export { toCreateEchoOptions } from './laravel-options';
export type { LaravelEchoOptions } from './laravel-options';
export type {
  BroadcastDriver,
  BroadcastNotification,
  ChannelReturnType,
  LaravelConnectionStatus,
  ChannelVisibility,
  EventName,
  InferEventPayload,
  ModelEvents,
  ModelName,
  ModelPayload,
} from './laravel-types';
export {
  NOTIFICATION_EVENT,
  modelChannelName,
  modelEventNames,
  notificationTypeFilter,
  toEventList,
  toLaravelConnectionStatus,
} from './laravel-events';
export { createChannelBinding } from './channel-binding';
export type { ChannelBinding, ChannelBindingOptions, ChannelControls } from './channel-binding';
export { createLeaseStore } from './lease-store';
export type { LeaseStore, LeaseStoreSource } from './lease-store';
export { createPresenceStore, EMPTY_PRESENCE_ROSTER } from './presence-store';
export { createTypingIndicator, TYPING_INDICATOR_DEFAULTS } from './typing-indicator';
export { createSubscriptionStatusStore, INITIAL_SUBSCRIPTION_STATUS } from './subscription-status';
export type {
  SubscriptionError,
  SubscriptionState,
  SubscriptionStatus,
} from './subscription-status';
export { onSubscribed } from './on-subscribed';
export { onRecovery } from './on-recovery';
export type {
  TypingIndicator,
  TypingIndicatorOptions,
  TypingMember,
  TypingState,
  TypingWhisper,
} from './typing-indicator';
