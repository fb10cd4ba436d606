// GET /apps/{id}/channels/{name}/events?since=&limit=: the kept events of a resumable channel.
import { channelHistory } from '../../server-api/api-operations';
import { HttpError, json } from '../responses';
import type { Route } from '../route';

export const channelEventsRoute: Route = {
  method: 'GET',
  pattern: /^\/apps\/([^/]+)\/channels\/([^/]+)\/events$/,
  rate: { kind: 'reads', cost: () => 1 },
  async handle(request) {
    const { params } = request;
    const since = integerParam(params.get('since'), 'since');
    const limit = integerParam(params.get('limit'), 'limit');
    return json(200, await channelHistory(request, request.pathParams[0]!, { since, limit }));
  },
};

function integerParam(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new HttpError(400, `${name} must be a non-negative integer`);
  return Number(value);
}
