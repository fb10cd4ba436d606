// pusher-js forced onto its HTTP fallback transports (xhr_streaming, xhr_polling) against a real Node Herald.
import { request } from 'node:http';
import type PusherClient from 'pusher-js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createPublisher,
  createPusherClient,
  disconnectPusher,
  nextEvent,
  testApp,
  whenConnected,
  whenSubscribed,
  withTimeout,
  type RunningServer,
  type ServerAddress,
  type ServerTarget,
  type TargetConfig,
} from '../src/index';
import { bunTarget } from '../src/targets/bun-target';
import { nodeTarget } from './node-target';

const APP = testApp({ allowedOrigins: ['https://app.example'] });
const FALLBACK = { heartbeatMs: 300, sessionTimeoutMs: 1000 };

let server: RunningServer | undefined;
let target: ServerTarget = nodeTarget;
let address: ServerAddress;
const clients: PusherClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => disconnectPusher(client)));
  await server?.close();
  server = undefined;
});

async function start(options: Partial<TargetConfig> = {}): Promise<ServerAddress> {
  server = await target.start({ apps: [APP], httpFallback: FALLBACK, ...options });
  address = { host: server.host, port: server.port };
  return address;
}

function client(
  transport: 'ws' | 'xhr_streaming' | 'xhr_polling',
  user = 'user-1',
  activityTimeoutMs?: number,
): PusherClient {
  const made = createPusherClient({
    server: address,
    app: APP,
    transports: [transport],
    user: { user_id: user },
    activityTimeoutMs,
  });
  clients.push(made);
  return made;
}

/** Which transport pusher-js ended up on: its connection's transport name. */
function transportOf(pusher: PusherClient): string | undefined {
  const manager = pusher.connection as unknown as {
    connection?: { transport?: { name?: string } };
  };
  return manager.connection?.transport?.name;
}

/** One raw HTTP request to the server; resolves status, headers and body. */
function raw(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
  timeoutMs = 5000,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return withTimeout(
    new Promise((resolve, reject) => {
      const req = request(
        { host: address.host, port: address.port, method, path, headers },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    }),
    timeoutMs,
    `${method} ${path}`,
  );
}

const BASE = `/pusher/app/${APP.key}`;

// One suite, both adapters: the fallback logic is the adapter kit's, the I/O each runtime's own.
for (const each of [nodeTarget, bunTarget]) {
  describe(`HTTP fallback on ${each.name}`, () => {
    beforeAll(() => {
      target = each;
    });

    describe.each(['xhr_streaming', 'xhr_polling'] as const)('pusher-js over %s', (transport) => {
      it('connects and receives server events on public, private and presence channels', async () => {
        await start();
        const pusher = client(transport);
        const socketId = await whenConnected(pusher);
        expect(socketId).toMatch(/^\d+\.\d+$/);
        expect(transportOf(pusher)).toBe(transport);

        const channels = ['news', 'private-orders', 'presence-room'].map((name) =>
          pusher.subscribe(name),
        );
        await Promise.all(channels.map((channel) => whenSubscribed(channel)));
        const publisher = createPublisher(address, APP);
        for (const channel of channels) {
          const received = nextEvent(channel, 'order-placed');
          await publisher.trigger(channel.name, 'order-placed', { channel: channel.name });
          expect(await received).toEqual({ channel: channel.name });
        }
      });

      it('exchanges client events both ways with a WebSocket client on one channel', async () => {
        await start();
        const http = client(transport, 'http-user');
        const ws = client('ws', 'ws-user');
        const [httpChannel, wsChannel] = [http, ws].map((c) => c.subscribe('presence-mixed'));
        await Promise.all([whenSubscribed(httpChannel!), whenSubscribed(wsChannel!)]);

        const atWs = nextEvent(wsChannel!, 'client-typing');
        httpChannel!.trigger('client-typing', { from: 'http' });
        expect(await atWs).toEqual({ from: 'http' });

        const atHttp = nextEvent(httpChannel!, 'client-typing');
        wsChannel!.trigger('client-typing', { from: 'ws' });
        expect(await atHttp).toEqual({ from: 'ws' });
      });

      it('removes the presence member when the client leaves and its session expires', async () => {
        await start();
        const http = client(transport, 'leaver');
        const ws = client('ws', 'watcher');
        const wsChannel = ws.subscribe('presence-room');
        await whenSubscribed(wsChannel);
        const joined = nextEvent<{ id: string }>(wsChannel, 'pusher:member_added');
        await whenSubscribed(http.subscribe('presence-room'));
        expect((await joined).id).toBe('leaver');

        const left = nextEvent<{ id: string }>(wsChannel, 'pusher:member_removed');
        http.disconnect();
        expect((await left).id).toBe('leaver');
      });

      it('sends 4200 when the server shuts down, and the client starts reconnecting', async () => {
        await start();
        const pusher = client(transport);
        await whenConnected(pusher);
        const reconnecting = new Promise<void>((resolve) =>
          pusher.connection.bind('state_change', (change: { current: string }) => {
            if (change.current === 'connecting') resolve();
          }),
        );
        await server!.close();
        server = undefined;
        await withTimeout(reconnecting, 5000, 'pusher-js to reconnect');
      });

      it('keeps an idle session alive past the activity timeout', async () => {
        await start({ activityTimeoutSeconds: 1 });
        const pusher = client(transport, 'idle', 1000);
        const socketId = await whenConnected(pusher);
        const channel = pusher.subscribe('news');
        await whenSubscribed(channel);
        const changes: string[] = [];
        pusher.connection.bind('state_change', (change: { current: string }) =>
          changes.push(change.current),
        );
        // Three activity timeouts with nothing sent by either side but pings and heartbeats.
        await new Promise((resolve) => setTimeout(resolve, 3500));
        expect(changes).toEqual([]);
        expect(pusher.connection.socket_id).toBe(socketId);
        const received = nextEvent(channel, 'still-here');
        await createPublisher(address, APP).trigger('news', 'still-here', { ok: true });
        expect(await received).toEqual({ ok: true });
      });
    });

    describe('HTTP fallback requests', () => {
      it('opens a polling session with o, then delivers connection_established in an a frame', async () => {
        await start();
        const opened = await raw('POST', `${BASE}/1/abcd1234/xhr?protocol=7`);
        expect(opened).toMatchObject({ status: 200, body: 'o\n' });
        const next = await raw('POST', `${BASE}/1/abcd1234/xhr?protocol=7`);
        expect(next.status).toBe(200);
        expect(next.body).toMatch(/^a\["\{\\"event\\":\\"pusher:connection_established\\"/);
        expect(next.body.endsWith(']\n')).toBe(true);
      });

      it('holds an idle poll until its heartbeat, past the runtime idle timeout (Bun: 10 s)', async () => {
        await start({ httpFallback: { ...FALLBACK, heartbeatMs: 11_000, sessionTimeoutMs: 5000 } });
        await raw('POST', `${BASE}/6/abcd1234/xhr?protocol=7`);
        await raw('POST', `${BASE}/6/abcd1234/xhr?protocol=7`);
        const idle = await raw('POST', `${BASE}/6/abcd1234/xhr?protocol=7`, undefined, {}, 15_000);
        expect(idle).toMatchObject({ status: 200, body: 'h\n' });
      }, 20_000);

      it('refuses a receive request from an origin the app does not allow with 403', async () => {
        await start();
        const refused = await raw('POST', `${BASE}/7/abcd1234/xhr_streaming?protocol=7`, '', {
          origin: 'https://evil.example',
        });
        expect(refused.status).toBe(403);
        const sent = await raw('POST', `${BASE}/7/abcd1234/xhr_send`, '[]');
        expect(sent.status).toBe(404);
      });

      it('counts sessions against maxConnections: one too many gets 4004', async () => {
        await start({ apps: [testApp({ ...APP, limits: { maxConnections: 1 } })] });
        await raw('POST', `${BASE}/8/aaaaaaaa/xhr?protocol=7`);
        await raw('POST', `${BASE}/8/bbbbbbbb/xhr?protocol=7`);
        const refused = await raw('POST', `${BASE}/8/bbbbbbbb/xhr?protocol=7`);
        expect(refused.body).toMatch(/c\[4004,"[^"]*"\]\n$/);
        const first = await raw('POST', `${BASE}/8/aaaaaaaa/xhr?protocol=7`);
        expect(first.body).toMatch(/pusher:connection_established/);
      });

      it('answers 404 to xhr_send for an unknown session', async () => {
        await start();
        const sent = await raw('POST', `${BASE}/1/nosuchid/xhr_send`, '[]');
        expect(sent.status).toBe(404);
      });

      it('answers 400 to a malformed xhr_send body and keeps the session', async () => {
        await start();
        await raw('POST', `${BASE}/2/abcd1234/xhr?protocol=7`);
        for (const body of ['{', '{"event":"x"}', '[1]', '["ok", null]']) {
          expect((await raw('POST', `${BASE}/2/abcd1234/xhr_send`, body)).status).toBe(400);
        }
        expect((await raw('POST', `${BASE}/2/abcd1234/xhr_send`, '[]')).status).toBe(204);
      });

      it('answers 413 to an xhr_send body over the cap', async () => {
        await start({ httpFallback: { ...FALLBACK, maxSendBodyBytes: 1024 } });
        await raw('POST', `${BASE}/3/abcd1234/xhr?protocol=7`);
        const big = JSON.stringify(['x'.repeat(4096)]);
        expect((await raw('POST', `${BASE}/3/abcd1234/xhr_send`, big)).status).toBe(413);
      });

      it('answers 503 to an xhr_send body that does not fit the in-flight body budget', async () => {
        await start({ maxInFlightBodyBytes: 64 });
        await raw('POST', `${BASE}/9/abcd1234/xhr?protocol=7`);
        const body = JSON.stringify([
          JSON.stringify({ event: 'pusher:ping', data: { pad: 'x'.repeat(100) } }),
        ]);
        const refused = await raw('POST', `${BASE}/9/abcd1234/xhr_send`, body);
        expect(refused.status).toBe(503);
        expect(refused.headers['retry-after']).toBe('1');
        expect((await raw('POST', `${BASE}/9/abcd1234/xhr_send`, '[]')).status).toBe(204);
      });

      it("answers CORS preflights for the app's allowed origins only", async () => {
        await start();
        const allowed = await raw('OPTIONS', `${BASE}/4/abcd1234/xhr_streaming`, undefined, {
          origin: 'https://app.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        });
        expect(allowed.status).toBe(204);
        expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
        expect(allowed.headers['access-control-allow-headers']).toBe('content-type');
        const refused = await raw('OPTIONS', `${BASE}/4/abcd1234/xhr_streaming`, undefined, {
          origin: 'https://evil.example',
          'access-control-request-method': 'POST',
        });
        expect(refused.status).toBe(403);
        expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      });

      it('closes a session whose queue passes maxBufferedBytes with 4100', async () => {
        await start({ maxBufferedBytes: 2048 });
        await raw('POST', `${BASE}/5/abcd1234/xhr?protocol=7`);
        await raw('POST', `${BASE}/5/abcd1234/xhr?protocol=7`);
        const subscribe = JSON.stringify([
          JSON.stringify({ event: 'pusher:subscribe', data: { channel: 'news' } }),
        ]);
        expect((await raw('POST', `${BASE}/5/abcd1234/xhr_send`, subscribe)).status).toBe(204);
        const publisher = createPublisher(address, APP);
        // Nobody polls: each event waits in the session's queue until the bound closes it.
        for (let i = 0; i < 8; i++)
          await publisher.trigger('news', 'big', { pad: 'x'.repeat(1000) });
        const last = await raw('POST', `${BASE}/5/abcd1234/xhr?protocol=7`);
        expect(last.body).toMatch(/c\[4100,"[^"]*"\]\n$/);
      });
    });
  });
}
