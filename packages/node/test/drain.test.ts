// Real-server tests of the Node adapter's drain: probes answered, new sockets refused, then closed.
import { once } from 'node:events';
import { connect } from 'node:net';
import { ManualClock } from '@herald/protocol/testing';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type StartedServer } from './support';

const DRAIN_WINDOW_MS = 60_000;

let server: StartedServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Resolves the HTTP status a WebSocket handshake was refused with (or 101 if it was accepted). */
async function upgradeStatus(url: string): Promise<number> {
  const ws = new WebSocket(url);
  ws.on('error', () => undefined);
  const status = await Promise.race([
    once(ws, 'unexpected-response').then(([, res]) => (res as { statusCode: number }).statusCode),
    once(ws, 'open').then(() => 101),
  ]);
  ws.terminate();
  return status;
}

describe('createNodeServer close() while draining', () => {
  it('keeps /up at 200 and /ready at 503, refuses new WebSockets and the API with 503, then stops listening', async () => {
    // The drain's window runs on a manual clock: it lasts exactly as long as the test needs.
    const clock = new ManualClock(Date.now());
    server = await startServer({ clock, drainWindowMs: DRAIN_WINDOW_MS });
    const { port, httpUrl, node } = server;
    const client = await server.client();
    await client.established();
    // One keep-alive connection before and during the drain, as a load balancer's probe holds it.
    expect((await fetch(`${httpUrl}/ready`)).status).toBe(200);

    const closed = node.close();
    expect(node.herald.isDraining).toBe(true);
    const up = await fetch(`${httpUrl}/up`);
    expect([up.status, await up.json()]).toEqual([200, { health: 'OK' }]);
    const ready = await fetch(`${httpUrl}/ready`);
    expect([ready.status, await ready.json()]).toEqual([503, { ready: false }]);
    expect((await fetch(`${httpUrl}/apps/4242/channels`)).status).toBe(503);
    expect(await upgradeStatus(server.wsUrl())).toBe(503);

    clock.advance(DRAIN_WINDOW_MS);
    expect((await client.closed).code).toBe(4200);
    await closed;
    const refused = connect(port, '127.0.0.1');
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ECONNREFUSED');
  });
});
