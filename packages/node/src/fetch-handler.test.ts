import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthHandler } from '@herald/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeServer, type NodeServer } from './node-server';
import { toNodeHandler } from './fetch-handler';

let herald: NodeServer | undefined;
afterEach(async () => {
  await herald?.close();
  herald = undefined;
});

describe('toNodeHandler', () => {
  it('serves createAuthHandler on node:http with the JSON pusher-js expects', async () => {
    herald = createNodeServer({
      apps: [{ id: '1', key: 'key', secret: 'secret' }],
      host: '127.0.0.1',
      port: 0,
      drainWindowMs: 0,
    });
    const auth = toNodeHandler(
      createAuthHandler(herald.api, {
        user: (request) => request.headers.get('x-user') ?? undefined,
        authorize: (_user, channel) => channel !== 'private-no',
      }),
    );
    const app = createServer((req, res) => void auth(req, res));
    app.listen(0, '127.0.0.1');
    await once(app, 'listening');
    const { port } = app.address() as AddressInfo;
    const post = (channel: string) =>
      fetch(`http://127.0.0.1:${port}/broadcasting/auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-user': 'ann' },
        body: `socket_id=1.2&channel_name=${channel}`,
      });
    const allowed = await post('private-yes');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toBe('application/json');
    expect(Object.keys((await allowed.json()) as object)).toEqual(['auth']);
    expect((await post('private-no')).status).toBe(403);
    app.close();
  });
});
