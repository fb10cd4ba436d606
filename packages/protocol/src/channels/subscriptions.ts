// Subscriptions: joining and leaving channels, with auth and presence membership.
import type { AppState } from '../apps/app-state';
import { channelAuthProblem } from '../auth/channel-auth';
import type { Connection } from '../connections/connection';
import { ErrorCode } from '../errors/error-codes';
import * as frames from '../messages/frames';
import type { ServerContext } from '../server-context';
import type { Channel } from './channel';
import { channelNameProblem, channelTypeOf, requiresAuth, serverToUserId } from './channel-name';
import { parseChannelData } from './channel-data';
import { scheduleCountUpdate } from './subscription-count';
import { clusterMembers, isOnOtherNode } from './presence-view';
import type { Frame } from '../contracts/frame';
import {
  parseRecoveryRequest,
  readForResume,
  recoveryFor,
  sendReplay,
  type RecoveryResult,
} from '../history/recovery';

/** Handles `pusher:subscribe`. Every refusal is answered; the socket stays usable. */
export function subscribe(
  ctx: ServerContext,
  state: AppState,
  conn: Connection,
  channelName: unknown,
  auth: unknown,
  channelData: unknown,
  recoveryField?: unknown,
): void {
  const app = state.app;
  const nameProblem = channelNameProblem(channelName, app.limits.maxChannelNameLength);
  if (nameProblem !== undefined || typeof channelName !== 'string') {
    ctx.sendError(conn, ErrorCode.InvalidMessage, `Invalid channel: ${nameProblem}`);
    return;
  }
  const maxChannels = app.limits.maxChannelsPerConnection;
  const held = conn.channels.size + (conn.pendingResumes?.size ?? 0);
  if (
    maxChannels > 0 &&
    held >= maxChannels &&
    !conn.channels.has(channelName) &&
    conn.pendingResumes?.has(channelName) !== true
  ) {
    // Checked before auth: a refused subscribe should cost no signature check.
    return refuse(
      ctx,
      conn,
      channelName,
      'LimitReached',
      `too many channels on this connection (limit ${maxChannels}); unsubscribe from one first`,
      ErrorCode.OverChannelQuota,
    );
  }
  const type = channelTypeOf(channelName);
  const socketId = conn.socketId!;
  if (requiresAuth(type)) {
    const rawData =
      type === 'presence' && typeof channelData === 'string' ? channelData : undefined;
    if (type === 'presence' && rawData === undefined) {
      return refuse(
        ctx,
        conn,
        channelName,
        'AuthError',
        'channel_data is required for presence channels',
        401,
      );
    }
    const problem = channelAuthProblem(app, socketId, channelName, auth, rawData);
    if (problem !== undefined) return refuse(ctx, conn, channelName, 'AuthError', problem, 401);
  } else if (
    type === 'server-to-user' &&
    (conn.userId === undefined || conn.userId !== serverToUserId(channelName))
  ) {
    return refuse(
      ctx,
      conn,
      channelName,
      'AuthError',
      'only the signed-in user may subscribe to their channel',
      403,
    );
  }

  // Stock clients send no `recovery`, so they never get past this check into the resume path.
  const recovery = recoveryField === undefined ? undefined : recoveryFor(ctx, state, channelName);
  const request = recovery === undefined ? undefined : parseRecoveryRequest(recoveryField);
  if (typeof request === 'string') {
    ctx.sendError(conn, ErrorCode.InvalidMessage, `Invalid message: ${request}`);
    return;
  }
  // A newer subscribe overtakes a resume still waiting for its read.
  conn.pendingResumes?.delete(channelName);

  if (conn.channels.has(channelName)) {
    // Already subscribed: confirm again without changing membership (idempotent re-subscribe).
    // A resume request on a live subscription missed nothing: it has had every event.
    const channel = conn.channels.get(channelName)!;
    const confirm = succeededFrame(ctx, state, channel);
    ctx.send(
      conn,
      request === undefined
        ? confirm
        : frames.recoverySubscriptionSucceeded(confirm, { recovered: true, missed: 0 }),
    );
    sendCached(ctx, state, conn, channel);
    return;
  }

  let userId: string | undefined;
  let userInfo: unknown;
  if (type === 'presence') {
    const parsed = parseChannelData(channelData as string, app.limits.maxPresenceMemberInfoBytes);
    if (typeof parsed === 'string') return refuse(ctx, conn, channelName, 'AuthError', parsed, 400);
    ({ userId, userInfo } = parsed);
    const existing = state.channels.get(channelName);
    const isPresent =
      (existing?.roster?.has(userId) ?? false) || isOnOtherNode(ctx, app.id, channelName, userId);
    if (
      !isPresent &&
      clusterMembers(ctx, app.id, channelName, existing).length >= app.limits.maxPresenceMembers
    ) {
      return refuse(
        ctx,
        conn,
        channelName,
        'LimitReached',
        `presence channel is full (${app.limits.maxPresenceMembers} members)`,
        403,
      );
    }
  }

  if (request !== undefined) {
    const token = {};
    (conn.pendingResumes ??= new Map()).set(channelName, token);
    readForResume(ctx, state, recovery!, channelName, request, (replay, result) => {
      if (conn.state !== 'open' || conn.pendingResumes?.get(channelName) !== token) return;
      conn.pendingResumes.delete(channelName);
      join(ctx, state, conn, channelName, userId, userInfo, { replay, result });
    });
    return;
  }
  join(ctx, state, conn, channelName, userId, userInfo, undefined);
}

/** What a resuming subscriber gets between joining and `subscription_succeeded`. */
interface Resume {
  readonly replay: readonly Frame[];
  readonly result: RecoveryResult;
}

// Membership, presence and the confirmation; `resume` puts the replay before the confirmation.
function join(
  ctx: ServerContext,
  state: AppState,
  conn: Connection,
  channelName: string,
  userId: string | undefined,
  userInfo: unknown,
  resume: Resume | undefined,
): void {
  const app = state.app;
  const socketId = conn.socketId!;
  const { channel, created } = state.channels.getOrCreate(channelName);
  channel.subscribers.add(conn);
  conn.channels.set(channelName, channel);
  if (created) {
    if (ctx.cluster) ctx.cluster.channelOccupied(app, channelName);
    else ctx.observers.emit('channelOccupied', { app, channel: channelName });
  }
  ctx.observers.emit('subscribed', { app, channel: channelName, socketId });

  if (userId !== undefined) {
    (conn.presenceUserIds ??= new Map()).set(channelName, userId);
    state.presenceUsers.add(userId, conn);
    const joined = channel.roster!.add({ userId, userInfo });
    // This node's first socket of the user: other nodes must learn of it; local members only
    // hear of a join if the user is not already present elsewhere in the cluster.
    if (joined) {
      ctx.cluster?.presenceJoined(app.id, channelName, userId, userInfo);
      if (!isOnOtherNode(ctx, app.id, channelName, userId)) {
        ctx.broadcaster.broadcast(
          channel.subscribers,
          frames.memberAdded(channelName, joined),
          conn,
        );
        if (ctx.cluster?.owns(app.id, channelName) ?? true)
          ctx.observers.emit('memberAdded', { app, channel: channelName, userId });
      }
    }
  }
  if (resume === undefined) {
    ctx.send(conn, succeededFrame(ctx, state, channel));
  } else {
    sendReplay(ctx, conn, resume.replay);
    ctx.send(
      conn,
      frames.recoverySubscriptionSucceeded(succeededFrame(ctx, state, channel), resume.result),
    );
  }
  sendCached(ctx, state, conn, channel);
  scheduleCountUpdate(ctx, state, channel);
}

// Cache channels hand a new subscriber the last API event, right after subscription_succeeded.
function sendCached(ctx: ServerContext, state: AppState, conn: Connection, channel: Channel): void {
  if (!channel.isCache) return;
  const cached = state.cache.get(channel.name, ctx.clock.now());
  if (cached) {
    ctx.send(conn, cached.frame);
  } else {
    ctx.send(conn, frames.cacheMiss(channel.name));
    ctx.observers.emit('cacheMiss', { app: state.app, channel: channel.name });
  }
}

/** Handles `pusher:unsubscribe`; unknown channels are ignored, as in Pusher. */
export function unsubscribe(
  ctx: ServerContext,
  state: AppState,
  conn: Connection,
  channelName: unknown,
): void {
  if (typeof channelName !== 'string') {
    ctx.sendError(
      conn,
      ErrorCode.InvalidMessage,
      'Invalid message: pusher:unsubscribe needs a channel',
    );
    return;
  }
  conn.pendingResumes?.delete(channelName);
  const channel = conn.channels.get(channelName);
  if (channel) leave(ctx, state, conn, channel);
}

/** Removes the connection from every channel (on close). */
export function leaveAll(ctx: ServerContext, state: AppState, conn: Connection): void {
  for (const channel of conn.channels.values()) leave(ctx, state, conn, channel);
}

function leave(ctx: ServerContext, state: AppState, conn: Connection, channel: Channel): void {
  const app = state.app;
  channel.subscribers.delete(conn);
  conn.channels.delete(channel.name);
  ctx.observers.emit('unsubscribed', { app, channel: channel.name, socketId: conn.socketId! });
  const userId = conn.presenceUserIds?.get(channel.name);
  if (userId !== undefined) {
    conn.presenceUserIds!.delete(channel.name);
    state.presenceUsers.remove(userId, conn);
    if (channel.roster!.remove(userId)) {
      ctx.cluster?.presenceLeft(app.id, channel.name, userId);
      if (!isOnOtherNode(ctx, app.id, channel.name, userId)) {
        ctx.broadcaster.broadcast(channel.subscribers, frames.memberRemoved(channel.name, userId));
        if (ctx.cluster?.owns(app.id, channel.name) ?? true)
          ctx.observers.emit('memberRemoved', { app, channel: channel.name, userId });
      }
    }
  }
  if (state.channels.releaseIfEmpty(channel)) {
    if (ctx.cluster) ctx.cluster.channelVacated(app, channel.name);
    else ctx.observers.emit('channelVacated', { app, channel: channel.name });
  } else {
    scheduleCountUpdate(ctx, state, channel);
  }
}

function succeededFrame(ctx: ServerContext, state: AppState, channel: Channel) {
  if (!channel.roster) return frames.subscriptionSucceeded(channel.name);
  const members = clusterMembers(ctx, state.app.id, channel.name, channel);
  return frames.presenceSubscriptionSucceeded(channel.name, members, members.length);
}

function refuse(
  ctx: ServerContext,
  conn: Connection,
  channel: string,
  type: string,
  error: string,
  status: number,
): void {
  ctx.observers.emit('clientError', {
    app: conn.app,
    socketId: conn.socketId,
    code: status,
    message: error,
  });
  ctx.send(conn, frames.subscriptionError(channel, type, error, status));
}
