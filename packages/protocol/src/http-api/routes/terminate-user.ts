// POST /apps/{id}/users/{user_id}/terminate_connections: close every socket of a signed-in user.
import { terminateUser } from '../../connections/user-sessions';
import { json } from '../responses';
import type { Route } from '../route';

export const terminateUserRoute: Route = {
  method: 'POST',
  pattern: /^\/apps\/([^/]+)\/users\/([^/]+)\/terminate_connections$/,
  rate: { kind: 'events', cost: () => 1 },
  handle({ ctx, app, pathParams }) {
    terminateUser(ctx, ctx.apps.for(app), pathParams[0]!);
    ctx.cluster?.terminateUser(app.id, pathParams[0]!);
    return Promise.resolve(json(200, {}));
  },
};
