// @herald/node: Herald on Node (ws + node:http), the embed API. The `herald` CLI is @herald/cli.
export { createNodeServer } from './node-server';
export { toNodeHandler } from './fetch-handler';
export type { NodeServer } from './node-server';
export { NODE_SERVER_DEFAULTS } from './node-server-options';
export type { NodeServerOptions, NodeServerAddress, HttpRoute } from './node-server-options';
export type { AnyHttpServer } from './server-hooks';
export { WsSocket } from './ws-socket';
export { WS_FRAME, buildWsTextFrame } from './ws-frame';
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
