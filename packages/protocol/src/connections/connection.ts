// Connection: the core's state for one socket — its app, channels and liveness.
import type { App } from '../apps/app';
import type { AppTraffic } from '../apps/app-traffic';
import type { Channel } from '../channels/channel';
import type { ConnectionRef } from '../contracts/connection-handler';
import type { Socket } from '../contracts/socket';

/** Lifecycle: resolving the app → open → closed. */
export type ConnectionState = 'resolving' | 'open' | 'closed';

/**
 * Holds the connection → channels half of the membership index (the other half is
 * `Channel.subscribers`), so closing a socket touches only its own channels.
 */
export class Connection implements ConnectionRef {
  state: ConnectionState = 'resolving';
  socketId: string | undefined;
  app: App | undefined;
  /** The app's traffic counters, set on establishment so sends need no app lookup. */
  traffic: AppTraffic | undefined;
  /** Channels this socket is subscribed to, by name. */
  readonly channels = new Map<string, Channel>();
  /**
   * User id per presence channel this socket joined; created on the first presence join, since
   * most sockets never join one and an empty Map costs about as much as the rest of a connection.
   */
  presenceUserIds: Map<string, string> | undefined;
  /**
   * Resumable subscriptions waiting for their history read, by channel; the token tells a read
   * that was overtaken (unsubscribe, a newer subscribe) from the current one.
   */
  pendingResumes: Map<string, object> | undefined;
  /** The Origin header of the upgrade request, if any. */
  origin: string | undefined;
  /** Set by `pusher:signin`. */
  userId: string | undefined;
  /** User ids this signed-in socket watches. */
  watchlist: readonly string[] = [];
  readonly openedAtMs: number;
  lastActivityMs: number;
  /** When the server pinged and is waiting for any reply; `undefined` when not waiting. */
  pingSentAtMs: number | undefined;
  /** Messages that arrived before the app was resolved, replayed in order once it is. */
  early: string[] | undefined;
  /** Client-event rate window: start of the current second and events sent in it. */
  clientEventWindowStartMs = 0;
  clientEventsInWindow = 0;
  /** Error-reply window: start of the current window and error replies earned in it. */
  invalidWindowStartMs = 0;
  invalidInWindow = 0;

  constructor(
    readonly socket: Socket,
    nowMs: number,
  ) {
    this.lastActivityMs = nowMs;
    this.openedAtMs = nowMs;
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }
}
