// HeraldObserver seam: typed notifications out of the core. Webhooks, metrics and logs consume these.
import type { App } from '../apps/app';
import type { SocketTransport } from './socket';

/** Why a message did not reach its recipient. */
export type DropReason =
  | 'slow-consumer'
  | 'socket-closed'
  | 'client-event-rejected'
  | 'rate-limited'
  | 'invalid-message'
  /** The socket was closed (4150) for earning too many error replies. */
  | 'invalid-message-flood'
  /** A publish was refused (503) because the node's or app's delivery backlog was full. */
  | 'overloaded'
  | 'bus-unavailable';

/**
 * Every method is optional. The core calls observers synchronously on the hot path: keep them
 * cheap and move slow work (network, disk) off the call. An observer that throws is reported
 * through `observerFailed` on the others and never disturbs the core.
 */
export interface HeraldObserver {
  connectionOpened?(e: {
    app: App;
    socketId: string;
    remoteAddress: string;
    /** `ws`, or the HTTP fallback transport the session opened with. */
    transport: SocketTransport;
  }): void;
  /** A connection refused before or at establishment (unknown app, bad version, quota ...). */
  connectionRejected?(e: {
    appKey: string;
    code: number;
    message: string;
    remoteAddress: string;
  }): void;
  connectionClosed?(e: { app: App; socketId: string; code: number }): void;
  subscribed?(e: { app: App; channel: string; socketId: string }): void;
  unsubscribed?(e: { app: App; channel: string; socketId: string }): void;
  /**
   * The channel's first subscriber joined. With a scaling bus this and the three hooks below are
   * cluster-wide: reported once, by one node, when the channel (or the member) is new to the
   * whole cluster, and again when the last node lets go of it, including when that node dies.
   */
  channelOccupied?(e: { app: App; channel: string }): void;
  channelVacated?(e: { app: App; channel: string }): void;
  /** A subscriber of a cache channel found nothing cached. */
  cacheMiss?(e: { app: App; channel: string }): void;
  memberAdded?(e: { app: App; channel: string; userId: string }): void;
  memberRemoved?(e: { app: App; channel: string; userId: string }): void;
  /**
   * The subscriber count of a non-presence channel changed (apps with `subscriptionCount: true`);
   * throttled per channel, `count` cluster-wide.
   */
  subscriptionCountChanged?(e: { app: App; channel: string; count: number }): void;
  /** A client event relayed; `data` is the value the client sent (any JSON), `userId` on presence channels. */
  clientEvent?(e: {
    app: App;
    channel: string;
    event: string;
    data: unknown;
    socketId: string;
    userId?: string;
  }): void;
  /** An event accepted by the HTTP API for fan-out. */
  eventPublished?(e: { app: App; channels: readonly string[]; event: string }): void;
  /** A `pusher:error` or `pusher:subscription_error` sent to a client. */
  clientError?(e: { app?: App; socketId?: string; code: number | null; message: string }): void;
  messageDropped?(e: { app?: App; socketId?: string; channel?: string; reason: DropReason }): void;
  apiRequest?(e: { app?: App; method: string; path: string; status: number }): void;
  /** Another node was heard for the first time (or again after it was removed). */
  nodeAdded?(e: { nodeId: string }): void;
  /** Another node stopped sending heartbeats and was removed with its presence members. */
  nodeRemoved?(e: { nodeId: string }): void;
  /** The scaling bus connection went down or came back. */
  busStatus?(e: { status: 'up' | 'down' }): void;
  /** A bug in the core, caught at a seam so the process and other clients carry on. */
  internalError?(e: { error: unknown; where: string }): void;
  observerFailed?(e: { error: unknown; hook: string }): void;
}
