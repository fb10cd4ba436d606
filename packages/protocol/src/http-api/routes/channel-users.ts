// GET /apps/{id}/channels/{name}/users: the members of a presence channel.
import { channelTypeOf } from '../../channels/channel-name';
import { HttpError, json } from '../responses';
import type { Route } from '../route';

export const channelUsersRoute: Route = {
  method: 'GET',
  pattern: /^\/apps\/([^/]+)\/channels\/([^/]+)\/users$/,
  rate: { kind: 'reads', cost: () => 1 },
  async handle({ app, pathParams, queries }) {
    const name = pathParams[0]!;
    if (channelTypeOf(name) !== 'presence') {
      throw new HttpError(400, 'Users are only available for presence channels');
    }
    const users = (await queries.users(app.id, name)).map((id) => ({ id }));
    return json(200, { users });
  },
};
