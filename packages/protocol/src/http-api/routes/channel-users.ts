// GET /apps/{id}/channels/{name}/users: the members of a presence channel.
import { presenceMembers } from '../../server-api/api-operations';
import { json } from '../responses';
import type { Route } from '../route';

export const channelUsersRoute: Route = {
  method: 'GET',
  pattern: /^\/apps\/([^/]+)\/channels\/([^/]+)\/users$/,
  rate: { kind: 'reads', cost: () => 1 },
  async handle(request) {
    return json(200, await presenceMembers(request, request.pathParams[0]!));
  },
};
