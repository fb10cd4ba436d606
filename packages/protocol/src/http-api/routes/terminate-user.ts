// POST /apps/{id}/users/{user_id}/terminate_connections: close every socket of a user (signed in or present).
import { terminateUserConnections } from '../../server-api/api-operations';
import { json } from '../responses';
import type { Route } from '../route';

export const terminateUserRoute: Route = {
  method: 'POST',
  pattern: /^\/apps\/([^/]+)\/users\/([^/]+)\/terminate_connections$/,
  rate: { kind: 'events', cost: () => 1 },
  async handle(request) {
    return json(200, await terminateUserConnections(request, request.pathParams[0]!));
  },
};
