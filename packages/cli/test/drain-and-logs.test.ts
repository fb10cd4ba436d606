// `herald start` under abuse and on SIGTERM, as an operator sees it: probes, refusals and log lines.
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { existsSync } from 'node:fs';
import { RawClient } from '../../node/test/raw-client';
import { CLI, spawnHerald, type CliProcess } from './cli-process';

const APP = ['--app-id', 'drain-app', '--app-key', 'drain-key', '--app-secret', 'drain-secret'];

const running: CliProcess[] = [];
const sockets: { close(): unknown }[] = [];

function herald(args: string[]): CliProcess {
  const cli = spawnHerald(['start', '--host', '127.0.0.1', '--port', '0', ...APP, ...args]);
  running.push(cli);
  return cli;
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package first (tsup)`);
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  for (const cli of running.splice(0)) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill('SIGKILL');
      await cli.exited;
    }
  }
});

/** The JSON log lines (stderr) the process wrote, parsed. */
function records(cli: CliProcess): Record<string, unknown>[] {
  return cli.lines
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * A WebSocket client that completes the handshake and then never reads again, so it never answers
 * the server's close frame: the server waits out its close timeout (5 s) for it, which holds the
 * drain open while the test probes.
 */
async function stalledClient(port: number): Promise<Socket> {
  const socket = connectTcp(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(
    'GET /app/drain-key?protocol=7 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  let received = '';
  while (!received.includes('connection_established'))
    received += String((await once(socket, 'data'))[0]);
  socket.pause();
  sockets.push({ close: () => socket.destroy() });
  return socket;
}

/** The HTTP status a WebSocket handshake was refused with (101 if it was accepted). */
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

describe.each(['node', 'bun'] as const)('herald start --runtime %s on SIGTERM', (runtime) => {
  it('answers /up 200 and /ready 503 through the drain, refuses new WebSockets with 503, and logs one drain line', async () => {
    // A window long enough to probe /up, /ready and an upgrade mid-drain on both runtimes: Bun
    // reports a close at once, so its drain does not wait on the stalled client as Node's does.
    const cli = herald(['--runtime', runtime, '--drain-window-ms', '1500']);
    const port = await cli.port();
    const clients = await Promise.all(
      Array.from({ length: 20 }, () =>
        RawClient.connect(`ws://127.0.0.1:${port}/app/drain-key?protocol=7`),
      ),
    );
    for (const client of clients) sockets.push({ close: () => void client.close() });
    await Promise.all(clients.map((client) => client.established()));
    await stalledClient(port);

    cli.child.kill('SIGTERM');
    await cli.line(/SIGTERM received, draining/);
    const up = await fetch(`http://127.0.0.1:${port}/up`);
    expect(up.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(503);
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/app/drain-key?protocol=7`)).toBe(503);
    for (const client of clients) expect((await client.closed).code).toBe(4200);

    expect(await cli.exited).toBe(0);
    const drains = records(cli).filter((r) => r.event === 'drain_finished');
    expect(drains).toEqual([expect.objectContaining({ level: 30, connections: 21, closed: 21 })]);
    // One line for the drain; none per closed socket.
    expect(records(cli).filter((r) => (r.level as number) >= 40)).toEqual([]);
    // On Node the stalled client holds the drain for the server's 5 s close timeout.
  }, 20_000);
});

/** An HTTP API publish with a wrong signature: refused with 401. */
function badlySigned(port: number): Promise<Response> {
  const body = JSON.stringify({ name: 'e', channel: 'c', data: '{}' });
  const md5 = createHmac('md5', '').update(body).digest('hex');
  const query = `auth_key=drain-key&auth_timestamp=${Math.floor(Date.now() / 1000)}&auth_version=1.0&body_md5=${md5}&auth_signature=${'0'.repeat(64)}`;
  return fetch(`http://127.0.0.1:${port}/apps/drain-app/events?${query}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
}

describe.each(['node', 'bun'] as const)('herald start --runtime %s logs under abuse', (runtime) => {
  it('logs 300 badly signed requests as one line at once and one with the count of the rest', async () => {
    const cli = herald(['--runtime', runtime]);
    const port = await cli.port();
    for (let batch = 0; batch < 3; batch++) {
      const statuses = await Promise.all(
        Array.from({ length: 100 }, async () => (await badlySigned(port)).status),
      );
      expect(new Set(statuses)).toEqual(new Set([401]));
    }
    await cli.line(/"event":"api_request"/);
    // The summary of the current window is written on shutdown rather than lost.
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    const refusals = records(cli).filter((r) => r.event === 'api_request');
    expect(refusals).toEqual([
      expect.objectContaining({ level: 40, appId: 'drain-app', status: 401 }),
      expect.objectContaining({ level: 40, appId: 'drain-app', status: 401, repeated: 299 }),
    ]);
  });

  it("masks the webhook URL's token in every retry line", async () => {
    let attempts = 0;
    const receiver = createHttpServer((req, res) => {
      attempts++;
      req.resume();
      req.on('end', () => res.writeHead(503).end());
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    sockets.push({ close: () => receiver.close() });
    const { port: hookPort } = receiver.address() as { port: number };
    const cli = herald([
      '--runtime',
      runtime,
      '--webhook-url',
      `http://127.0.0.1:${hookPort}/hooks?token=s3cr3t-token`,
    ]);
    const port = await cli.port();
    const client = await RawClient.connect(`ws://127.0.0.1:${port}/app/drain-key?protocol=7`);
    sockets.push({ close: () => void client.close() });
    await client.established();
    await client.subscribe('orders');

    const retry = await cli.line(/webhook delivery failed; retrying/);
    expect(JSON.parse(retry.input!)).toMatchObject({
      level: 40,
      url: `http://127.0.0.1:${hookPort}/hooks?token=***`,
    });
    expect(attempts).toBeGreaterThan(0);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.output()).not.toContain('s3cr3t-token');
  });
});
