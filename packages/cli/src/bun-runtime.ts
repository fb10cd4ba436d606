// `herald start --runtime bun`, inside the Bun process: the same composition served by
// @herald/bun (Bun.serve). Extra routes (`/metrics`) become the adapter's app `fetch` handler.
import type { HttpRoute } from '@herald/node';
import type * as HeraldBun from '@herald/bun';
import { ConfigError } from './config';
import type { ServerRuntime } from './runtime-server';

export const bunRuntime: ServerRuntime = {
  label: 'Bun',
  async createServer({ routes, ...options }) {
    let bun: typeof HeraldBun;
    try {
      bun = await import('@herald/bun');
    } catch {
      throw new ConfigError(
        '--runtime bun needs the package "@herald/bun": install it next to @herald/cli (npm install @herald/bun bun)',
      );
    }
    return bun.createBunServer({ ...options, fetch: routeHandler(routes) });
  },
};

/** Answers the routes' paths as @herald/node does, and everything else with its JSON 404. */
function routeHandler(routes: readonly HttpRoute[]): (request: Request) => Promise<Response> {
  const byPath = new Map(routes.flatMap((route) => route.paths.map((path) => [path, route])));
  return async (request) => {
    const url = new URL(request.url);
    const route = byPath.get(url.pathname);
    // The routes are scrapes (GET /metrics); their request bodies carry nothing to read.
    const answer = await route?.handle({
      method: request.method,
      path: url.pathname,
      query: url.search.slice(1),
      headers: Object.fromEntries(request.headers),
      body: '',
    });
    if (answer === undefined) {
      const error = route
        ? `Not found: ${url.pathname}`
        : 'Not found: the HTTP API is served under /apps/{id}';
      return Response.json({ error }, { status: 404 });
    }
    return new Response(answer.status === 204 ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  };
}
