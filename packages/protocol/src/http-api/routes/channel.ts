// GET /apps/{id}/channels/{name}: whether a channel is occupied, and its counts.
import { describeChannel } from '../../server-api/api-operations';
import { json } from '../responses';
import type { Route } from '../route';

export const channelRoute: Route = {
  method: 'GET',
  pattern: /^\/apps\/([^/]+)\/channels\/([^/]+)$/,
  rate: { kind: 'reads', cost: () => 1 },
  async handle(request) {
    const name = request.pathParams[0]!;
    return json(200, await describeChannel(request, name, request.params.get('info')));
  },
};
