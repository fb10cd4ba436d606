// GET /apps/{id}/channels: occupied channels, optionally filtered by prefix, with user counts.
import { listChannels } from '../../server-api/api-operations';
import { json } from '../responses';
import type { Route } from '../route';

export const channelsRoute: Route = {
  method: 'GET',
  pattern: /^\/apps\/([^/]+)\/channels$/,
  rate: { kind: 'reads', cost: () => 1 },
  async handle(request) {
    const { params } = request;
    return json(
      200,
      await listChannels(request, params.get('filter_by_prefix') ?? '', params.get('info')),
    );
  },
};
