// @herald/bun: the Pusher protocol core on Bun.serve.
export { createBunServer } from './bun-server';
export type { BunServer } from './bun-server';
export { BUN_SERVER_DEFAULTS } from './bun-server-options';
export type { BunServerOptions } from './bun-server-options';
export type { BunServerHandle, BunWebSocket, BunWebSocketHandlers, BunGlobal } from './bun-types';
// The server API's error and types, so an embedding app needs no direct @herald/protocol import.
export { HeraldApiError, createAuthHandler } from '@herald/protocol';
export type {
  AuthHandlerOptions,
  BatchEvent,
  EventMap,
  HeraldApi,
  TriggerOptions,
  TriggerResult,
  ChannelAuthResponse,
  UserAuthResponse,
} from '@herald/protocol';
