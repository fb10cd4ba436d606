// @herald/protocol: the Pusher Channels protocol core. No sockets, no ports, no timers of its own.
export { createHerald } from './server';
export { HERALD_DEFAULTS } from './herald-options';
export type { HeraldOptions } from './herald-options';

export type { Herald } from './contracts/herald';
export { HeraldApiError } from './server-api/herald-api-error';
export type { HeraldApi } from './server-api/server-api';
export { createAuthHandler } from './server-api/auth-handler';
export type { AuthHandlerOptions, ChannelAuthDecision } from './server-api/auth-handler';
export type {
  BatchEvent,
  BatchResult,
  ChannelAttributes,
  ChannelAuthResponse,
  ChannelInfo,
  ChannelResult,
  ChannelsOptions,
  ChannelsResult,
  EventMap,
  EventName,
  HistoryEventResult,
  HistoryOptions,
  HistoryResult,
  PresenceData,
  PresenceMembersResult,
  TriggerInfo,
  TriggerOptions,
  TriggerResult,
  UserAuthResponse,
  UserData,
} from './server-api/server-api-types';
export type { HeraldStats, AppStats, BusStats } from './contracts/stats';
export type { DrainOptions } from './connections/drain';
export type { Socket, SocketTransport, UpgradeRequest } from './contracts/socket';
export type { ConnectionHandler, ConnectionRef } from './contracts/connection-handler';
export type { Frame } from './contracts/frame';
export type {
  HttpAdmission,
  HttpApi,
  HttpRequest,
  HttpRequestHead,
  HttpResponse,
} from './contracts/http-api';
export type { AppProvider } from './contracts/app-provider';
export type { Clock, TimerHandle } from './contracts/clock';
export type { HeraldObserver, DropReason } from './contracts/observer';
export type { ClusterBus, BusStatus } from './contracts/cluster-bus';
export type { ClusterOptions } from './cluster/cluster-options';
export { CLUSTER_DEFAULTS } from './cluster/cluster-options';

export { defineApp, DEFAULT_APP_LIMITS } from './apps/app';
export type { App, AppConfig, AppLimits, ClientEventPolicy } from './apps/app';
export { WEBHOOK_EVENT_TYPES, defineWebhooks } from './apps/webhook-config';
export { RECOVERY_DEFAULTS, defineRecovery, isRecoverable } from './apps/recovery-config';
export type { RecoveryConfig, RecoveryConfigInput } from './apps/recovery-config';
export type {
  HistoryEntry,
  HistoryEvent,
  HistoryGapReason,
  HistoryRead,
  HistoryRetention,
  HistoryStore,
  HistoryUsage,
} from './contracts/history-store';
export { MemoryHistoryStore } from './history/memory-history-store';
export type { MemoryHistoryStoreOptions } from './history/memory-history-store';
export type { WebhookConfig, WebhookConfigInput, WebhookEventType } from './apps/webhook-config';
export { StaticAppProvider } from './apps/static-app-provider';
export { systemClock } from './clock/system-clock';

export { ErrorCode, isCloseCode } from './errors/error-codes';
export { PusherError } from './errors/pusher-error';
export { PusherEvent, CLIENT_EVENT_PREFIX, PROTOCOL_VERSION } from './messages/pusher-event';
export { frameFromText, frameOf } from './messages/frame';
export {
  ChannelPrefix,
  MAX_CHANNEL_NAME_LENGTH,
  channelTypeOf,
  channelNameProblem,
  isCacheChannel,
} from './channels/channel-name';
export type { ChannelType } from './channels/channel-name';

export { signChannel, channelAuthString } from './auth/channel-auth';
export { signUser, userAuthString } from './auth/user-auth';
export { hmacSha256Hex, md5Hex, safeEqual } from './auth/signature';
export { stringToSign } from './http-api/request-signature';
export { createSocketId, isSocketId } from './connections/socket-id';
export { BodyBudget } from './http-api/body-budget';
export { OVERLOAD_RETRY_AFTER_SECONDS } from './http-api/publish-admission';

export { createHttpFallback } from './http-fallback/http-fallback';
export type { FallbackAnswer, FallbackRequest, HttpFallback } from './http-fallback/http-fallback';
export type { FallbackReceiver, ReceiveMode } from './http-fallback/fallback-session';
export { HTTP_FALLBACK_DEFAULTS } from './http-fallback/http-fallback-options';
export type { HttpFallbackOptions } from './http-fallback/http-fallback-options';
