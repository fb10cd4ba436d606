// GET /apps/{id}/channels/{name}: whether a channel is occupied, and its counts.
import { channelTypeOf, isCacheChannel } from '../../channels/channel-name';
import { parseInfo } from '../event-payload';
import { HttpError, json } from '../responses';
import type { Route } from '../route';

export const channelRoute: Route = {
  method: 'GET',
  pattern: /^\/apps\/([^/]+)\/channels\/([^/]+)$/,
  rate: { kind: 'reads', cost: () => 1 },
  async handle({ ctx, app, params, pathParams, queries }) {
    const name = pathParams[0]!;
    const info = parseInfo(params.get('info'));
    if (info.has('user_count') && channelTypeOf(name) !== 'presence') {
      throw new HttpError(400, 'info=user_count is only available for presence channels');
    }
    const stats = await queries.channel(app.id, name);
    const body: Record<string, unknown> = { occupied: stats.subscriptionCount > 0 };
    if (info.has('subscription_count')) body.subscription_count = stats.subscriptionCount;
    if (info.has('user_count')) body.user_count = stats.userCount;
    if (info.has('cache')) {
      if (!isCacheChannel(name))
        throw new HttpError(400, 'info=cache is only available for cache channels');
      const nowMs = ctx.clock.now();
      const cached = ctx.apps.for(app).cache.get(name, nowMs);
      if (cached) {
        body.cache = {
          event: cached.event,
          data: cached.data,
          ttl: Math.ceil((cached.expiresAtMs - nowMs) / 1000),
        };
      }
    }
    return json(200, body);
  },
};
