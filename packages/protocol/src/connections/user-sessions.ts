// User sessions: `pusher:signin`, the user → sockets index, watchlists and terminating a user.
import type { AppState } from '../apps/app-state';
import { userAuthProblem } from '../auth/user-auth';
import { ErrorCode } from '../errors/error-codes';
import * as frames from '../messages/frames';
import type { ServerContext } from '../server-context';
import type { Connection } from './connection';

/**
 * Handles `pusher:signin`. A bad signature or malformed `user_data` closes the socket with 4009,
 * as Pusher does: the client asked to be someone and could not prove it.
 */
export function signin(
  ctx: ServerContext,
  state: AppState,
  conn: Connection,
  auth: unknown,
  userData: unknown,
): void {
  const refuse = (message: string) =>
    ctx.closeConnection(conn, ErrorCode.Unauthorized, `Invalid signin: ${message}`);
  if (typeof userData !== 'string') return refuse('user_data must be a JSON string');
  const problem = userAuthProblem(state.app, conn.socketId!, auth, userData);
  if (problem !== undefined) return refuse(problem);
  let parsed: unknown;
  try {
    parsed = JSON.parse(userData);
  } catch {
    return refuse('user_data is not valid JSON');
  }
  const { id, watchlist = [] } = (parsed ?? {}) as { id?: unknown; watchlist?: unknown };
  if (typeof id !== 'string' || id.length === 0)
    return refuse('user_data.id must be a non-empty string');
  if (!Array.isArray(watchlist) || watchlist.some((w) => typeof w !== 'string')) {
    return refuse('user_data.watchlist must be a list of user ids');
  }
  if (watchlist.length > state.app.limits.maxWatchlistSize) {
    return refuse(`user_data.watchlist has more than ${state.app.limits.maxWatchlistSize} users`);
  }

  if (conn.userId !== undefined) signOut(ctx, state, conn);
  conn.userId = id;
  conn.watchlist = watchlist as string[];
  let sockets = state.users.get(id);
  const cameOnline = sockets === undefined;
  if (!sockets) state.users.set(id, (sockets = new Set()));
  sockets.add(conn);
  for (const watched of conn.watchlist) {
    let watchers = state.watchers.get(watched);
    if (!watchers) state.watchers.set(watched, (watchers = new Set()));
    watchers.add(conn);
  }

  ctx.send(conn, frames.signinSuccess(userData));
  const online = conn.watchlist.filter((watched) => state.users.has(watched));
  if (online.length > 0) ctx.send(conn, frames.watchlistEvents('online', online));
  if (cameOnline) notifyWatchers(ctx, state, id, 'online');
}

/** Removes the socket from the user and watcher indexes (on close or re-signin). */
export function signOut(ctx: ServerContext, state: AppState, conn: Connection): void {
  const id = conn.userId;
  if (id === undefined) return;
  conn.userId = undefined;
  for (const watched of conn.watchlist) {
    const watchers = state.watchers.get(watched);
    watchers?.delete(conn);
    if (watchers?.size === 0) state.watchers.delete(watched);
  }
  conn.watchlist = [];
  const sockets = state.users.get(id);
  sockets?.delete(conn);
  if (sockets?.size === 0) {
    state.users.delete(id);
    notifyWatchers(ctx, state, id, 'offline');
  }
}

/**
 * Closes with 4009 every socket of a user: those signed in as `userId` (`pusher:signin`) and, as
 * Reverb does, those present as `userId` on any presence channel, since Laravel apps usually
 * identify users only through presence `channel_data`. Returns how many were closed.
 */
export function terminateUser(ctx: ServerContext, state: AppState, userId: string): number {
  // Copied first: each close releases the socket from both indexes.
  const sockets = new Set(state.users.get(userId));
  for (const conn of state.presenceUsers.connections(userId)) sockets.add(conn);
  for (const conn of sockets)
    ctx.closeConnection(conn, ErrorCode.Unauthorized, 'Connection terminated by the server');
  return sockets.size;
}

function notifyWatchers(
  ctx: ServerContext,
  state: AppState,
  userId: string,
  name: 'online' | 'offline',
): void {
  const watchers = state.watchers.get(userId);
  if (!watchers) return;
  ctx.broadcaster.broadcast(watchers, frames.watchlistEvents(name, [userId]));
}
