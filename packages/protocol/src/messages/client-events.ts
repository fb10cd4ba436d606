// Client events (`client-*`): relayed from one subscriber to the others on private and presence channels.
import type { AppState } from '../apps/app-state';
import type { Connection } from '../connections/connection';
import { ErrorCode } from '../errors/error-codes';
import type { ServerContext } from '../server-context';
import { clientEventFrame } from './frames';
import { appendAndDeliver, recoveryFor } from '../history/recovery';

const ONE_SECOND_MS = 1000;

/**
 * Relays a client event, never back to its sender. Every refusal is answered with an error and
 * reported as a dropped message, so nothing disappears silently.
 */
export function relayClientEvent(
  ctx: ServerContext,
  state: AppState,
  conn: Connection,
  event: string,
  channelName: unknown,
  data: unknown,
): void {
  const app = state.app;
  const reject = (
    code: number,
    message: string,
    reason: 'client-event-rejected' | 'rate-limited',
  ) => {
    ctx.observers.emit('messageDropped', {
      app,
      socketId: conn.socketId,
      channel: typeof channelName === 'string' ? channelName : undefined,
      reason,
    });
    ctx.sendError(conn, code, message);
  };

  if (app.clientEvents === 'none') {
    return reject(
      ErrorCode.ClientEventRejected,
      'Client events are disabled for this app',
      'client-event-rejected',
    );
  }
  if (typeof channelName !== 'string') {
    return reject(
      ErrorCode.ClientEventRejected,
      'Client event needs a "channel"',
      'client-event-rejected',
    );
  }
  if (event.length > app.limits.maxEventNameLength) {
    return reject(
      ErrorCode.ClientEventRejected,
      `Event name is longer than ${app.limits.maxEventNameLength} characters`,
      'client-event-rejected',
    );
  }
  const channel = conn.channels.get(channelName);
  if (!channel) {
    return reject(
      ErrorCode.ClientEventRejected,
      `Client event rejected: not subscribed to ${channelName}`,
      'client-event-rejected',
    );
  }
  if (channel.type !== 'private' && channel.type !== 'presence') {
    return reject(
      ErrorCode.ClientEventRejected,
      'Client events are only allowed on private and presence channels',
      'client-event-rejected',
    );
  }
  if (!withinRate(conn, ctx.clock.now(), app.limits.maxClientEventsPerSecond)) {
    return reject(
      ErrorCode.ClientEventRateLimited,
      `Client event rejected: more than ${app.limits.maxClientEventsPerSecond} per second`,
      'rate-limited',
    );
  }

  const userId = conn.presenceUserIds?.get(channelName);
  const recovery =
    app.recovery?.clientEvents === true ? recoveryFor(ctx, state, channelName) : undefined;
  if (recovery === undefined) {
    ctx.broadcaster.broadcast(
      channel.subscribers,
      clientEventFrame(channelName, event, data, userId),
      conn,
    );
  } else {
    const stored = { event, data, ...(userId === undefined ? {} : { userId }) };
    void appendAndDeliver(ctx, state, recovery, channelName, stored, conn.socketId, 'client');
  }
  ctx.cluster?.publishClientEvent(app.id, channelName, event, data, userId, conn.socketId!);
  ctx.observers.emit('clientEvent', {
    app,
    channel: channelName,
    event,
    data,
    socketId: conn.socketId!,
    ...(userId === undefined ? {} : { userId }),
  });
}

// Fixed one-second windows: cheap (two fields per socket) and what Pusher documents.
function withinRate(conn: Connection, nowMs: number, maxPerSecond: number): boolean {
  if (nowMs - conn.clientEventWindowStartMs >= ONE_SECOND_MS) {
    conn.clientEventWindowStartMs = nowMs;
    conn.clientEventsInWindow = 0;
  }
  if (conn.clientEventsInWindow >= maxPerSecond) return false;
  conn.clientEventsInWindow++;
  return true;
}
