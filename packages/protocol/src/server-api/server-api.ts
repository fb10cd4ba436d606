// HeraldApi: the server API an embedding app calls in-process, through the HTTP API's own paths.
import type { App } from '../apps/app';
import { ChannelPrefix } from '../channels/channel-name';
import type { ChannelQueries } from '../http-api/channel-queries';
import type { RateKind } from '../http-api/rate-limiter';
import type { ServerContext } from '../server-context';
import type { ApiGate } from './api-gate';
import {
  batchCost,
  describeChannel,
  listChannels,
  channelHistory,
  presenceMembers,
  terminateUserConnections,
  triggerBatch,
  triggerEvent,
  type ApiScope,
} from './api-operations';
import { channelAuthResponse, userAuthResponse } from './channel-auth-response';
import { HeraldApiError } from './herald-api-error';
import type {
  BatchEvent,
  BatchResult,
  ChannelAuthResponse,
  ChannelInfo,
  ChannelResult,
  ChannelsOptions,
  ChannelsResult,
  EventMap,
  EventName,
  HistoryOptions,
  HistoryResult,
  PresenceData,
  PresenceMembersResult,
  TriggerOptions,
  TriggerResult,
  UserAuthResponse,
  UserData,
} from './server-api-types';

/**
 * The Pusher HTTP API as method calls, for the app that embeds Herald: no signing, no HTTP round
 * trip, cluster-wide with a scaling plugin. Every call runs the same validation, per-app limits,
 * rate budget and overload admission as the HTTP API, resolves to the body the HTTP API answers,
 * and refuses by throwing a {@link HeraldApiError} with the HTTP API's status and message.
 * Non-string `data` is sent as JSON, as the `pusher` SDK does.
 *
 * @example
 * ```ts
 * type Events = { 'order.shipped': { id: string; carrier: string } };
 * const server = createNodeServer<Events>({ apps: [{ id: '1', key: 'key', secret: 'secret' }] });
 * await server.listen();
 * await server.api.trigger('orders', 'order.shipped', { id: '42', carrier: 'DHL' });
 * const { channels } = await server.api.channels({ prefix: 'presence-', info: ['user_count'] });
 * ```
 */
export interface HeraldApi<Events extends EventMap = EventMap> {
  /** Publishes `event` on one or more channels; `info` asks for counts back (`POST /events`). */
  trigger<Name extends EventName<Events>>(
    channels: string | readonly string[],
    event: Name,
    data: Events[Name],
    options?: TriggerOptions,
  ): Promise<TriggerResult>;
  /** Publishes several events, validated as a whole first (`POST /batch_events`). */
  triggerBatch(events: readonly BatchEvent<Events>[]): Promise<BatchResult>;
  /** Occupied channels across the cluster (`GET /channels`). */
  channels(options?: ChannelsOptions): Promise<ChannelsResult>;
  /** One channel's occupancy, counts and cached event (`GET /channels/{name}`). */
  channel(
    name: string,
    options?: { readonly info?: readonly ChannelInfo[] },
  ): Promise<ChannelResult>;
  /** The user ids on a presence channel across the cluster (`GET /channels/{name}/users`). */
  presenceMembers(name: string): Promise<PresenceMembersResult>;
  /**
   * The kept events of a resumable channel after `options.since` (`GET /channels/{name}/events`);
   * refuses with 404 a channel under none of the app's `recovery.channels`.
   */
  history(name: string, options?: HistoryOptions): Promise<HistoryResult>;
  /**
   * Closes with 4009, on every node, the connections signed in as `userId` or present as `userId`
   * on a presence channel (`POST /users/{id}/terminate_connections`).
   */
  terminateUserConnections(userId: string): Promise<void>;
  /** Sends an event to a signed-in user's sockets (`#server-to-user-{id}`), like the SDK's `sendToUser`. */
  sendToUser<Name extends EventName<Events>>(
    userId: string,
    event: Name,
    data: Events[Name],
  ): Promise<void>;
  /**
   * The JSON a channel auth endpoint answers pusher-js with: `{ auth }`, plus `channel_data` on a
   * presence channel (where `presenceData.user_id` is required). Decide first whether the user may
   * join; this only signs.
   */
  authorizeChannel(
    socketId: string,
    channel: string,
    presenceData?: PresenceData,
  ): Promise<ChannelAuthResponse>;
  /** The JSON a user authentication endpoint answers pusher-js with: `{ auth, user_data }`. */
  authenticateUser(socketId: string, userData: UserData): Promise<UserAuthResponse>;
  /** The same API for another app this server serves (needed when it serves several). */
  forApp<Other extends EventMap = Events>(appId: string): HeraldApi<Other>;
}

const SHUTTING_DOWN = 'Herald is shutting down';

/** {@link HeraldApi} over one core; `appId` is the app it speaks for, if one is implied. */
export class CoreHeraldApi<Events extends EventMap = EventMap> implements HeraldApi<Events> {
  constructor(
    private readonly ctx: ServerContext,
    private readonly queries: ChannelQueries,
    private readonly gate: ApiGate,
    private readonly appId: string | undefined,
  ) {}

  trigger<Name extends EventName<Events>>(
    channels: string | readonly string[],
    event: Name,
    data: Events[Name],
    options: TriggerOptions = {},
  ): Promise<TriggerResult> {
    const body = eventBody(
      typeof channels === 'string' ? [channels] : [...channels],
      event,
      data,
      options,
    );
    return this.run('events', 1, (scope) => triggerEvent(scope, body));
  }

  triggerBatch(events: readonly BatchEvent<Events>[]): Promise<BatchResult> {
    // A non-array (from untyped callers) goes through as is, to get the HTTP API's 400.
    const list = events as readonly BatchEvent[];
    const body = {
      batch: Array.isArray(events)
        ? list.map((e) => ({ ...eventBody(undefined, e.name, e.data, e), channel: e.channel }))
        : events,
    };
    return this.run('events', batchCost(body), (scope) => triggerBatch(scope, body));
  }

  channels(options: ChannelsOptions = {}): Promise<ChannelsResult> {
    return this.run('reads', 1, (scope) =>
      listChannels(scope, options.prefix ?? '', options.info?.join(',')),
    );
  }

  channel(
    name: string,
    options: { readonly info?: readonly ChannelInfo[] } = {},
  ): Promise<ChannelResult> {
    return this.run('reads', 1, (scope) => describeChannel(scope, name, options.info?.join(',')));
  }

  presenceMembers(name: string): Promise<PresenceMembersResult> {
    return this.run('reads', 1, (scope) => presenceMembers(scope, name));
  }

  history(name: string, options: HistoryOptions = {}): Promise<HistoryResult> {
    return this.run('reads', 1, (scope) => channelHistory(scope, name, options));
  }

  async terminateUserConnections(userId: string): Promise<void> {
    await this.run('events', 1, (scope) => terminateUserConnections(scope, userId));
  }

  async sendToUser<Name extends EventName<Events>>(
    userId: string,
    event: Name,
    data: Events[Name],
  ): Promise<void> {
    await this.trigger(`${ChannelPrefix.ServerToUser}${userId}`, event, data);
  }

  async authorizeChannel(
    socketId: string,
    channel: string,
    presenceData?: PresenceData,
  ): Promise<ChannelAuthResponse> {
    return channelAuthResponse(await this.app(), socketId, channel, presenceData);
  }

  async authenticateUser(socketId: string, userData: UserData): Promise<UserAuthResponse> {
    return userAuthResponse(await this.app(), socketId, userData);
  }

  forApp<Other extends EventMap = Events>(appId: string): HeraldApi<Other> {
    if (typeof appId !== 'string' || appId === '') {
      throw new TypeError('forApp(appId) needs the id of an app this server serves');
    }
    return new CoreHeraldApi<Other>(this.ctx, this.queries, this.gate, appId);
  }

  /** The HTTP handler's order: app (404), enabled (403), load (503), budget (429), then the call. */
  private async run<T>(
    kind: RateKind,
    cost: number,
    call: (scope: ApiScope) => Promise<T>,
  ): Promise<T> {
    if (this.ctx.isDraining) throw new HeraldApiError(503, SHUTTING_DOWN);
    const app = await this.app();
    if (!app.enabled) throw new HeraldApiError(403, 'App is disabled');
    if (kind === 'events') this.gate.admitPublish(app);
    this.gate.spend(app, kind, cost);
    return call({ ctx: this.ctx, queries: this.queries, app });
  }

  private async app(): Promise<App> {
    if (this.appId === undefined) {
      throw new TypeError(
        'This server serves several apps (or an AppProvider), so the API cannot tell which one: use api.forApp(appId)',
      );
    }
    const app = await this.ctx.provider.findById(this.appId);
    if (!app) throw new HeraldApiError(404, `App ${this.appId} not found`);
    return app;
  }
}

/** An event in the `/events` body shape, so the HTTP API's validation (and messages) apply. */
function eventBody(
  channels: string[] | undefined,
  name: string,
  data: unknown,
  options: TriggerOptions,
): Record<string, unknown> {
  return {
    name,
    data: typeof data === 'string' ? data : JSON.stringify(data),
    ...(channels === undefined ? {} : { channels }),
    socket_id: options.socketId,
    info: options.info?.join(','),
  };
}
