// Herald beside an app's own routes in one Bun.serve (the embed story), for test/embed.test.ts.
import { createBunServer } from '../src/index';
import type { BunGlobal } from '../src/bun-types';

declare const Bun: BunGlobal;

const herald = createBunServer({
  apps: [{ id: 'embed-app', key: 'embed-key', secret: 'embed-secret' }],
  fetch: (request) => new Response(`app route ${new URL(request.url).pathname}`),
});
await herald.herald.ready;
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: herald.fetch, websocket: herald.websocket });
console.log(`listening ${server.port}`);
process.on('SIGTERM', () => process.exit(0));
