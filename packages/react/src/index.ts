// @herald/react: @laravel/echo-react's hooks on @herald/echo, plus a provider, presence, typing and status.
export { configureEcho, echo, echoIsConfigured } from '@herald/echo';
export type {
  BroadcastNotification,
  ConnectionStatus as HeraldConnectionStatus,
  EchoSource,
  EventName,
  InferEventPayload,
  LaravelEchoOptions,
  OfflineQueueState,
  SubscriptionError,
  SubscriptionState,
  SubscriptionStatus,
  ModelEvents,
  ModelPayload,
  PresenceMember,
  PresenceRoster,
  TypingMember,
} from '@herald/echo';
export type { LaravelConnectionStatus as ConnectionStatus } from '@herald/echo';
export { EchoProvider, useEchoHolder } from './provider';
export type { EchoProviderProps } from './provider';
export { useEcho, useEchoPresence, useEchoPublic } from './use-echo';
export type { UseEchoResult } from './use-echo';
export { useEchoNotification } from './use-echo-notification';
export { useEchoModel } from './use-echo-model';
export { useChannel, usePresenceChannel, usePublicChannel } from './use-channel';
export type { UseChannelResult } from './use-channel';
export { useConnection, useConnectionStatus, useSocketId } from './use-connection';
export { useOfflineQueue } from './use-offline-queue';
export { useSubscriptionStatus } from './use-subscription-status';
export { useOnSubscribed } from './use-on-subscribed';
export { useRecovery } from './use-recovery';
export { usePresence } from './use-presence';
export { useWhisper } from './use-whisper';
export type { UseWhisperResult } from './use-whisper';
export { useTyping } from './use-typing';
export type { UseTypingOptions, UseTypingResult } from './use-typing';
