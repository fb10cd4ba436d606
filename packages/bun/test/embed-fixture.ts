// Herald beside an app's own routes in one Bun.serve (the embed story), for test/embed.test.ts.
import { createBunServer } from '../src/index';
import type { BunGlobal } from '../src/bun-types';

declare const Bun: BunGlobal;

const herald = createBunServer({
  apps: [{ id: 'embed-app', key: 'embed-key', secret: 'embed-secret' }],
  fetch: async (request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    // The app publishes in-process, as an app route would after saving something.
    if (pathname === '/publish') {
      const info = ['subscription_count'] as const;
      return Response.json(await herald.api.trigger('news', 'flash', { n: 1 }, { info }));
    }
    return new Response(`app route ${pathname}`);
  },
});
await herald.herald.ready;
const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch: herald.fetch,
  websocket: herald.websocket,
});
console.log(`listening ${server.port}`);
process.on('SIGTERM', () => process.exit(0));
