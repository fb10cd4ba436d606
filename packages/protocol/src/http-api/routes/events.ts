// POST /apps/{id}/events: trigger one event on one or more channels.
import { parseEventPayload } from '../event-payload';
import { publish } from '../publish';
import { json } from '../responses';
import type { Route } from '../route';
import { channelInfo } from './channel-info';

export const eventsRoute: Route = {
  method: 'POST',
  pattern: /^\/apps\/([^/]+)\/events$/,
  rate: { kind: 'events', cost: () => 1 },
  async handle({ ctx, app, body, queries }) {
    const event = parseEventPayload(app, body);
    publish(ctx, app, event);
    if (event.info.size === 0) return json(200, {});
    const channels: Record<string, object> = {};
    for (const name of event.channels)
      channels[name] = await channelInfo(queries, app.id, name, event.info);
    return json(200, { channels });
  },
};
