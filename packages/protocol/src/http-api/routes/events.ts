// POST /apps/{id}/events: trigger one event on one or more channels.
import { triggerEvent } from '../../server-api/api-operations';
import { json } from '../responses';
import type { Route } from '../route';

export const eventsRoute: Route = {
  method: 'POST',
  pattern: /^\/apps\/([^/]+)\/events$/,
  rate: { kind: 'events', cost: () => 1 },
  async handle(request) {
    return json(200, await triggerEvent(request, request.body));
  },
};
