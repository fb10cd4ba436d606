// SocketHandler: the core's ConnectionHandler — establishing, reading and closing Pusher connections.
import type { App } from '../apps/app';
import type { AppState } from '../apps/app-state';
import { subscribe, unsubscribe, leaveAll } from '../channels/subscriptions';
import type { ConnectionHandler, ConnectionRef } from '../contracts/connection-handler';
import type { Socket, UpgradeRequest } from '../contracts/socket';
import { ErrorCode } from '../errors/error-codes';
import { PusherError } from '../errors/pusher-error';
import { relayClientEvent } from '../messages/client-events';
import { parseClientMessage } from '../messages/client-message';
import * as frames from '../messages/frames';
import { PROTOCOL_VERSION } from '../messages/pusher-event';
import type { ServerContext } from '../server-context';
import { Connection } from './connection';
import { createSocketId } from './socket-id';
import { signin, signOut } from './user-sessions';
import { isOriginAllowed } from '../apps/origin-policy';

const APP_PATH = /^\/app\/([^/]+)\/?$/;
// Messages a client may send before its app is resolved; pusher-js sends none, so this only
// bounds what a misbehaving client can make the server hold.
const MAX_EARLY_MESSAGES = 16;

/** Implements {@link ConnectionHandler} over the shared {@link ServerContext}. */
export class SocketHandler implements ConnectionHandler {
  private openCount = 0;

  constructor(private readonly ctx: ServerContext) {}

  /** Established connections on this node. */
  get connectionCount(): number {
    return this.openCount;
  }

  open(socket: Socket, request: UpgradeRequest): ConnectionRef {
    const conn = new Connection(socket, this.ctx.clock.now());
    conn.origin = request.headers.origin;
    const match = APP_PATH.exec(request.path);
    const appKey = match ? decodeURIComponent(match[1]!) : '';
    const refused = match
      ? versionProblem(new URLSearchParams(request.query).get('protocol'))
      : undefined;
    if (!match) {
      this.reject(conn, appKey, ErrorCode.PathNotFound, 'Path not found: expected /app/{key}');
    } else if (refused) {
      this.reject(conn, appKey, refused.code, refused.message);
    } else {
      this.ctx.provider.findByKey(appKey).then(
        (app) => this.establish(conn, appKey, app),
        () => this.reject(conn, appKey, ErrorCode.ReconnectNow, 'App lookup failed, try again'),
      );
    }
    return conn;
  }

  message(ref: ConnectionRef, text: string): void {
    const conn = ref as Connection;
    if (conn.state === 'closed') return;
    if (conn.state === 'resolving') {
      conn.early ??= [];
      if (conn.early.length < MAX_EARLY_MESSAGES) conn.early.push(text);
      else
        this.ctx.closeConnection(
          conn,
          ErrorCode.InvalidMessage,
          'Too many messages before connection_established',
        );
      return;
    }
    conn.lastActivityMs = this.ctx.clock.now();
    conn.pingSentAtMs = undefined;
    const state = this.ctx.apps.for(conn.app!);
    const maxBytes = state.app.limits.maxMessageBytes;
    const bytes = Buffer.byteLength(text);
    state.traffic.messagesIn++;
    state.traffic.bytesIn += bytes;
    if (bytes > maxBytes) {
      this.ctx.observers.emit('messageDropped', {
        app: state.app,
        socketId: conn.socketId,
        reason: 'invalid-message',
      });
      this.ctx.closeConnection(
        conn,
        ErrorCode.MessageTooLarge,
        `Message is larger than ${maxBytes} bytes`,
      );
      return;
    }
    try {
      this.dispatch(state, conn, text);
    } catch (error) {
      this.ctx.observers.emit('messageDropped', {
        app: state.app,
        socketId: conn.socketId,
        reason: 'invalid-message',
      });
      if (error instanceof PusherError) this.ctx.sendError(conn, error.code, error.message);
      // A bug in a handler must not take the socket, or anyone else, down: report and carry on.
      else {
        this.ctx.observers.emit('internalError', { error, where: 'message' });
        this.ctx.sendError(conn, null, 'Internal server error');
      }
    }
  }

  binary(ref: ConnectionRef): void {
    const conn = ref as Connection;
    if (conn.state !== 'open') return;
    conn.lastActivityMs = this.ctx.clock.now();
    conn.pingSentAtMs = undefined;
    this.ctx.observers.emit('messageDropped', {
      app: conn.app,
      socketId: conn.socketId,
      reason: 'invalid-message',
    });
    this.ctx.sendError(
      conn,
      ErrorCode.InvalidMessage,
      'Invalid message: binary frames are not supported',
    );
  }

  pong(ref: ConnectionRef): void {
    const conn = ref as Connection;
    conn.lastActivityMs = this.ctx.clock.now();
    conn.pingSentAtMs = undefined;
  }

  close(ref: ConnectionRef, code: number): void {
    const conn = ref as Connection;
    const wasOpen = conn.state === 'open';
    if (conn.state === 'closed') return;
    conn.state = 'closed';
    conn.early = undefined;
    if (!wasOpen) return;
    const state = this.ctx.apps.for(conn.app!);
    leaveAll(this.ctx, state, conn);
    signOut(this.ctx, state, conn);
    state.connections.delete(conn.socketId!);
    this.openCount--;
    this.ctx.observers.emit('connectionClosed', { app: state.app, socketId: conn.socketId!, code });
  }

  /** Every established connection on this node (for draining). */
  *all(): IterableIterator<Connection> {
    for (const state of this.ctx.apps.values()) yield* state.connections.values();
  }

  private establish(conn: Connection, appKey: string, app: App | undefined): void {
    if (conn.state === 'closed') return;
    if (!app)
      return this.reject(conn, appKey, ErrorCode.AppNotFound, `App key ${appKey} does not exist`);
    if (!app.enabled) return this.reject(conn, appKey, ErrorCode.AppDisabled, 'App is disabled');
    if (!isOriginAllowed(app, conn.origin)) {
      return this.reject(
        conn,
        appKey,
        ErrorCode.Unauthorized,
        `Origin ${conn.origin} is not allowed for this app`,
      );
    }
    if (this.ctx.isDraining)
      return this.reject(conn, appKey, ErrorCode.ReconnectNow, 'Server is draining');
    const state = this.ctx.apps.for(app);
    const clusterConnections =
      state.connections.size + (this.ctx.cluster?.remoteConnections(app.id) ?? 0);
    if (app.limits.maxConnections > 0 && clusterConnections >= app.limits.maxConnections) {
      return this.reject(
        conn,
        appKey,
        ErrorCode.OverConnectionQuota,
        'App is over its connection quota',
      );
    }
    conn.app = app;
    conn.traffic = state.traffic;
    conn.socketId = this.uniqueSocketId(state);
    conn.state = 'open';
    conn.lastActivityMs = this.ctx.clock.now();
    state.connections.set(conn.socketId, conn);
    this.openCount++;
    this.ctx.send(
      conn,
      frames.connectionEstablished(conn.socketId, this.ctx.settings.activityTimeoutSeconds),
    );
    this.ctx.observers.emit('connectionOpened', {
      app,
      socketId: conn.socketId,
      remoteAddress: conn.socket.remoteAddress,
      transport: conn.socket.transport ?? 'ws',
    });
    const early = conn.early;
    conn.early = undefined;
    if (early) for (const text of early) this.message(conn, text);
  }

  private dispatch(state: AppState, conn: Connection, text: string): void {
    const message = parseClientMessage(text);
    switch (message.kind) {
      case 'ping':
        this.ctx.send(conn, frames.pongFrame());
        return;
      case 'pong':
        return;
      case 'subscribe':
        subscribe(
          this.ctx,
          state,
          conn,
          message.channel,
          message.auth,
          message.channelData,
          message.recovery,
        );
        return;
      case 'unsubscribe':
        unsubscribe(this.ctx, state, conn, message.channel);
        return;
      case 'signin':
        signin(this.ctx, state, conn, message.auth, message.userData);
        return;
      case 'client-event':
        relayClientEvent(this.ctx, state, conn, message.event, message.channel, message.data);
        return;
    }
  }

  private reject(conn: Connection, appKey: string, code: number, message: string): void {
    this.ctx.observers.emit('connectionRejected', {
      appKey,
      code,
      message,
      remoteAddress: conn.socket.remoteAddress,
    });
    this.ctx.closeConnection(conn, code, message);
  }

  private uniqueSocketId(state: AppState): string {
    let id = createSocketId();
    while (state.connections.has(id)) id = createSocketId();
    return id;
  }
}

function versionProblem(protocol: string | null): { code: number; message: string } | undefined {
  if (protocol === null || protocol === '') {
    return { code: ErrorCode.NoProtocolVersion, message: 'No protocol version supplied' };
  }
  if (!/^\d+$/.test(protocol)) {
    return { code: ErrorCode.InvalidVersionFormat, message: 'Invalid version string format' };
  }
  if (Number(protocol) !== PROTOCOL_VERSION) {
    return {
      code: ErrorCode.UnsupportedProtocolVersion,
      message: `Unsupported protocol version: ${protocol}`,
    };
  }
  return undefined;
}
