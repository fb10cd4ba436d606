// POST /apps/{id}/batch_events: several events in one request, each with its own channel.
import { batchCost, triggerBatch } from '../../server-api/api-operations';
import { json } from '../responses';
import type { Route } from '../route';

export const batchEventsRoute: Route = {
  method: 'POST',
  pattern: /^\/apps\/([^/]+)\/batch_events$/,
  rate: { kind: 'events', cost: batchCost },
  async handle(request) {
    return json(200, await triggerBatch(request, request.body));
  },
};
