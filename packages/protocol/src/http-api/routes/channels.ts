// GET /apps/{id}/channels: occupied channels, optionally filtered by prefix, with user counts.
import { ChannelPrefix } from '../../channels/channel-name';
import { parseInfo } from '../event-payload';
import { HttpError, json } from '../responses';
import type { Route } from '../route';

export const channelsRoute: Route = {
  method: 'GET',
  pattern: /^\/apps\/([^/]+)\/channels$/,
  rate: { kind: 'reads', cost: () => 1 },
  async handle({ app, params, queries }) {
    const prefix = params.get('filter_by_prefix') ?? '';
    const info = parseInfo(params.get('info'));
    const wantsUserCount = info.has('user_count');
    if (wantsUserCount && !prefix.startsWith(ChannelPrefix.Presence)) {
      throw new HttpError(400, 'info=user_count requires filter_by_prefix=presence-');
    }
    const channels: Record<string, object> = {};
    for (const [name, stats] of await queries.channels(app.id, prefix)) {
      channels[name] = wantsUserCount ? { user_count: stats.userCount } : {};
    }
    return json(200, { channels });
  },
};
