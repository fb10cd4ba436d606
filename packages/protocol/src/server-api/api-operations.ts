// The server API's operations on one app: what the HTTP routes and the in-process API both run.
import type { App } from '../apps/app';
import { ChannelPrefix, channelTypeOf, isCacheChannel } from '../channels/channel-name';
import { terminateUser } from '../connections/user-sessions';
import type { ChannelQueries } from '../http-api/channel-queries';
import { parseEventPayload, parseInfo, type EventPayload } from '../http-api/event-payload';
import { publish } from '../http-api/publish';
import { channelInfo } from '../http-api/routes/channel-info';
import type { ServerContext } from '../server-context';
import { HeraldApiError } from './herald-api-error';
import type {
  BatchResult,
  ChannelAttributes,
  ChannelResult,
  ChannelsResult,
  HistoryOptions,
  HistoryResult,
  PresenceMembersResult,
  TriggerResult,
} from './server-api-types';
import { isRecoverable } from '../apps/recovery-config';
import { channelNameProblem } from '../channels/channel-name';
import type { HistoryEntry } from '../contracts/history-store';

/**
 * Each operation takes the Pusher HTTP API's own input shape (an `/events` body, a `batch`, the
 * `info` query value) and resolves to its response body, so an HTTP route is parse-then-call and
 * the in-process API is build-then-call: neither can validate or answer differently.
 */
export interface ApiScope {
  readonly ctx: ServerContext;
  readonly queries: ChannelQueries;
  readonly app: App;
}

/** `POST /events`: validates one event, publishes it cluster-wide, answers the requested `info`. */
export async function triggerEvent(scope: ApiScope, body: unknown): Promise<TriggerResult> {
  const { ctx, app, queries } = scope;
  const event = parseEventPayload(app, body);
  const stored = publish(ctx, app, event);
  if (stored) await stored;
  if (event.info.size === 0) return {};
  const channels: Record<string, ChannelAttributes> = {};
  for (const name of event.channels)
    channels[name] = await channelInfo(queries, app.id, name, event.info);
  return { channels };
}

/** `POST /batch_events`: validates the whole batch, then publishes it; accepted or refused whole. */
export async function triggerBatch(scope: ApiScope, body: unknown): Promise<BatchResult> {
  const { ctx, app, queries } = scope;
  const batch = (body as { batch?: unknown } | undefined)?.batch;
  if (!Array.isArray(batch)) throw new HeraldApiError(400, 'body.batch must be an array');
  if (batch.length > app.limits.maxBatchEvents) {
    throw new HeraldApiError(400, `body.batch has more than ${app.limits.maxBatchEvents} events`);
  }
  const events: EventPayload[] = batch.map((raw, i) => parseEventPayload(app, raw, `batch[${i}]`));
  const stored: Promise<void>[] = [];
  for (const event of events) {
    const pending = publish(ctx, app, event);
    if (pending) stored.push(pending);
  }
  if (stored.length > 0) await Promise.all(stored);
  if (events.every((event) => event.info.size === 0)) return {};
  const results: ChannelAttributes[] = [];
  for (const event of events)
    results.push(await channelInfo(queries, app.id, event.channels[0]!, event.info));
  return { batch: results };
}

/** What a batch spends from the events budget: each event counts. */
export function batchCost(body: unknown): number {
  const batch = (body as { batch?: unknown } | undefined)?.batch;
  return Array.isArray(batch) ? Math.max(1, batch.length) : 1;
}

/** `GET /channels`: occupied channels under `prefix`, cluster-wide. */
export async function listChannels(
  { app, queries }: ApiScope,
  prefix: string,
  info: string | undefined,
): Promise<ChannelsResult> {
  const wantsUserCount = parseInfo(info).has('user_count');
  if (wantsUserCount && !prefix.startsWith(ChannelPrefix.Presence)) {
    throw new HeraldApiError(400, 'info=user_count requires filter_by_prefix=presence-');
  }
  const channels: Record<string, { user_count?: number }> = {};
  for (const [name, stats] of await queries.channels(app.id, prefix)) {
    channels[name] = wantsUserCount ? { user_count: stats.userCount } : {};
  }
  return { channels };
}

/** `GET /channels/{name}`: whether a channel is occupied, its counts and cached event. */
export async function describeChannel(
  { ctx, app, queries }: ApiScope,
  name: string,
  rawInfo: string | undefined,
): Promise<ChannelResult> {
  const info = parseInfo(rawInfo);
  if (info.has('user_count') && channelTypeOf(name) !== 'presence') {
    throw new HeraldApiError(400, 'info=user_count is only available for presence channels');
  }
  const stats = await queries.channel(app.id, name);
  const result: ChannelResult = { occupied: stats.subscriptionCount > 0 };
  if (info.has('subscription_count')) result.subscription_count = stats.subscriptionCount;
  if (info.has('user_count')) result.user_count = stats.userCount;
  if (info.has('cache')) {
    if (!isCacheChannel(name))
      throw new HeraldApiError(400, 'info=cache is only available for cache channels');
    const nowMs = ctx.clock.now();
    const cached = ctx.apps.for(app).cache.get(name, nowMs);
    if (cached) {
      result.cache = {
        event: cached.event,
        data: cached.data,
        ttl: Math.ceil((cached.expiresAtMs - nowMs) / 1000),
      };
    }
  }
  return result;
}

/** `GET /channels/{name}/users`: the user ids on a presence channel, cluster-wide. */
export async function presenceMembers(
  { app, queries }: ApiScope,
  name: string,
): Promise<PresenceMembersResult> {
  if (channelTypeOf(name) !== 'presence') {
    throw new HeraldApiError(400, 'Users are only available for presence channels');
  }
  const users = (await queries.users(app.id, name)).map((id) => ({ id }));
  return { users };
}

/**
 * `GET /channels/{name}/events`: the kept events of a resumable channel after `since`. On a gap
 * (events after `since` dropped) it answers the oldest events still kept with `complete: false`,
 * never a partial history that looks whole.
 */
export async function channelHistory(
  { ctx, app }: ApiScope,
  name: string,
  options: HistoryOptions,
): Promise<HistoryResult> {
  const problem = channelNameProblem(name, app.limits.maxChannelNameLength);
  if (problem !== undefined) throw new HeraldApiError(400, `Invalid channel: ${problem}`);
  const recovery = app.recovery;
  if (recovery === undefined || ctx.history === undefined || !isRecoverable(recovery, name)) {
    throw new HeraldApiError(
      404,
      `Channel ${name} keeps no history: its name is under none of the app's recovery.channels`,
    );
  }
  const { since } = options;
  if (since !== undefined && (!Number.isSafeInteger(since) || since < 0))
    throw new HeraldApiError(400, 'since must be a serial (a non-negative integer)');
  const limit = options.limit ?? recovery.maxEvents;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new HeraldApiError(400, 'limit must be a positive integer');
  const capped = Math.min(limit, recovery.maxEvents);
  let read = await ctx.history.read(app.id, name, since, capped);
  if (read.gap === undefined)
    return { events: read.events.map(historyEventOf), serial: read.latestSerial, complete: true };
  const reason = read.gap;
  read = await ctx.history.read(app.id, name, undefined, capped);
  return {
    events: read.events.map(historyEventOf),
    serial: read.latestSerial,
    complete: false,
    reason,
  };
}

function historyEventOf(entry: HistoryEntry) {
  const { serial, event, data, userId } = entry;
  return userId === undefined ? { serial, event, data } : { serial, event, data, user_id: userId };
}

/** `POST /users/{id}/terminate_connections`: closes the user's sockets on every node. */
export function terminateUserConnections(
  { ctx, app }: ApiScope,
  userId: string,
): Promise<Record<string, never>> {
  terminateUser(ctx, ctx.apps.for(app), userId);
  ctx.cluster?.terminateUser(app.id, userId);
  return Promise.resolve({});
}
