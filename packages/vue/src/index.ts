// @herald/vue: @laravel/echo-vue's composables on @herald/echo, plus a plugin, presence, typing and status.
export { configureEcho, echo, echoIsConfigured } from '@herald/echo';
export type {
  BroadcastNotification,
  ConnectionStatus as HeraldConnectionStatus,
  EchoSource,
  EventName,
  InferEventPayload,
  LaravelEchoOptions,
  ModelEvents,
  ModelPayload,
  OfflineQueueState,
  PresenceMember,
  SubscriptionError,
  SubscriptionState,
  SubscriptionStatus,
  TypingMember,
} from '@herald/echo';
export type { LaravelConnectionStatus as ConnectionStatus } from '@herald/echo';
export { createEchoPlugin, echoKey, provideEcho, useEchoHolder } from './provider';
export { useEcho, useEchoPresence, useEchoPublic } from './use-echo';
export type { UseEchoResult } from './use-echo';
export { useEchoNotification } from './use-echo-notification';
export { useEchoModel } from './use-echo-model';
export { useChannel, usePresenceChannel, usePublicChannel } from './use-channel';
export type { UseChannelResult } from './use-channel';
export { useConnection, useConnectionStatus, useSocketId } from './use-connection';
export { useOfflineQueue } from './use-offline-queue';
export type { UseOfflineQueueResult } from './use-offline-queue';
export { useSubscriptionStatus } from './use-subscription-status';
export type { UseSubscriptionStatusResult } from './use-subscription-status';
export { useOnSubscribed } from './use-on-subscribed';
export { useRecovery } from './use-recovery';
export { usePresence } from './use-presence';
export type { UsePresenceResult } from './use-presence';
export { useWhisper } from './use-whisper';
export type { UseWhisperResult } from './use-whisper';
export { useTyping } from './use-typing';
export type { UseTypingOptions, UseTypingResult } from './use-typing';
