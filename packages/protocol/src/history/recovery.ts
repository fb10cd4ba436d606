// Resumable channels in the core: serials on published frames, and replay on resubscribe (issue 15).
import type { AppState } from '../apps/app-state';
import { isRecoverable, type RecoveryConfig } from '../apps/recovery-config';
import type { Connection } from '../connections/connection';
import type { Frame } from '../contracts/frame';
import type { HistoryEvent, HistoryRead, HistoryRetention } from '../contracts/history-store';
import { historyFrame } from '../messages/frames';
import { isCacheChannel } from '../channels/channel-name';
import type { ServerContext } from '../server-context';

/** What a resuming subscriber learns, as `recovery` in `subscription_succeeded`'s data. */
export type RecoveryResult =
  /** A first subscribe: where the channel stands, to resume from later. */
  | { readonly serial: number }
  | { readonly recovered: true; readonly missed: number; readonly serial?: number }
  | { readonly recovered: false; readonly reason: string; readonly serial?: number };

/** `data.recovery` of a `pusher:subscribe`: `{}` on a first subscribe, `{ since }` on a resume. */
export interface RecoveryRequest {
  readonly since: number | undefined;
}

/** The app's recovery settings when `channel` is resumable on this server, else `undefined`. */
export function recoveryFor(
  ctx: ServerContext,
  state: AppState,
  channel: string,
): RecoveryConfig | undefined {
  const recovery = state.app.recovery;
  if (recovery === undefined || ctx.history === undefined) return undefined;
  return isRecoverable(recovery, channel) ? recovery : undefined;
}

/** Reads `data.recovery` of a subscribe; `undefined` when absent, a string when malformed. */
export function parseRecoveryRequest(raw: unknown): RecoveryRequest | string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return 'recovery must be an object, e.g. {"since": 1700000000000001}';
  const since = (raw as { since?: unknown }).since;
  if (since === undefined || since === null) return { since: undefined };
  if (typeof since !== 'number' || !Number.isSafeInteger(since) || since < 0)
    return 'recovery.since must be a serial (a non-negative integer)';
  return { since };
}

function retentionOf(recovery: RecoveryConfig): HistoryRetention {
  return {
    maxEvents: recovery.maxEvents,
    maxAgeMs: recovery.maxAgeSeconds * 1000,
    maxAppBytes: recovery.maxBytes,
  };
}

/**
 * Stores one event of a resumable channel, then delivers it with its serial to the channel's
 * subscribers (except `except`). Subscribers are read when the store answers: a socket that
 * resumes meanwhile gets the event live if its read came after this append, from the replay if
 * before (the store answers in call order), so never twice and never not at all. Returns a promise
 * only when the store answers asynchronously.
 */
export function appendAndDeliver(
  ctx: ServerContext,
  state: AppState,
  recovery: RecoveryConfig,
  channelName: string,
  event: HistoryEvent,
  exceptSocketId: string | undefined,
  source: 'api' | 'client' = 'api',
): Promise<void> | undefined {
  const history = ctx.history!;
  const deliver = (frame: Frame): void => {
    // Cache channels remember API events only, as without recovery.
    if (source === 'api' && isCacheChannel(channelName)) {
      state.cache.set(channelName, {
        frame,
        event: event.event,
        data: event.data as string,
        expiresAtMs: ctx.clock.now() + state.app.cacheTtlSeconds * 1000,
      });
    }
    const channel = state.channels.get(channelName);
    if (channel === undefined) return;
    const except = exceptSocketId === undefined ? undefined : state.connections.get(exceptSocketId);
    ctx.broadcaster.broadcast(channel.subscribers, frame, except, state);
  };
  return settle(
    () => history.append(state.app.id, channelName, event, retentionOf(recovery)),
    (serial) => deliver(historyFrame(channelName, { ...event, serial })),
    (error) => {
      // The event still goes out, without a serial; a later resume then reports a gap.
      ctx.observers.emit('internalError', { error, where: `history append ${channelName}` });
      deliver(historyFrame(channelName, event));
    },
  );
}

/**
 * Reads what a subscriber asking for `request` missed, and calls `join` with the frames to replay
 * and the result to report; the caller subscribes the socket inside `join`, synchronously, so no
 * live event can fall between the read and the membership.
 */
export function readForResume(
  ctx: ServerContext,
  state: AppState,
  recovery: RecoveryConfig,
  channelName: string,
  request: RecoveryRequest,
  join: (replay: readonly Frame[], result: RecoveryResult) => void,
): void {
  const { since } = request;
  const limit = recovery.maxEvents;
  const history = ctx.history!;
  void settle(
    () => history.read(state.app.id, channelName, since, limit),
    (read) => {
      const { frames, result } = resumeOf(channelName, since, limit, read);
      join(frames, result);
    },
    (error) => {
      ctx.observers.emit('internalError', { error, where: `history read ${channelName}` });
      join([], { recovered: false, reason: 'unavailable' });
    },
  );
}

/**
 * Runs `onValue` at once for a store that answered at once, else when its promise resolves; a
 * throw or a rejection goes to `onError`. Returns the promise only when there is one to wait for.
 */
function settle<T>(
  call: () => T | Promise<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void,
): Promise<void> | undefined {
  let answer: T | Promise<T>;
  try {
    answer = call();
  } catch (error) {
    onError(error);
    return undefined;
  }
  if (answer instanceof Promise) return answer.then(onValue, onError);
  onValue(answer);
  return undefined;
}

function resumeOf(
  channelName: string,
  since: number | undefined,
  limit: number,
  read: HistoryRead,
): { frames: Frame[]; result: RecoveryResult } {
  const serial = read.latestSerial;
  if (since === undefined) return { frames: [], result: { serial } };
  if (read.gap !== undefined)
    return { frames: [], result: { recovered: false, reason: read.gap, serial } };
  const last = read.events[read.events.length - 1];
  // A full page that stops short of the newest event is not the whole gap: never replay part of it.
  if (read.events.length >= limit && last !== undefined && last.serial < serial) {
    return { frames: [], result: { recovered: false, reason: 'overflowed', serial } };
  }
  const frames = read.events.map((entry) => historyFrame(channelName, entry));
  return { frames, result: { recovered: true, missed: frames.length, serial } };
}

/** Sends the replay to one socket, in serial order, through the slow-consumer bound. */
export function sendReplay(ctx: ServerContext, conn: Connection, replay: readonly Frame[]): void {
  for (const frame of replay) ctx.send(conn, frame);
}
