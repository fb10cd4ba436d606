// Real-server tests of createNodeServer: WebSocket and HTTP API on one port, over real sockets.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { request } from 'node:http';
import { connect } from 'node:net';
import { DEFAULT_APP_LIMITS, hmacSha256Hex, stringToSign } from '@herald/protocol';
import Pusher from 'pusher';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SOCKET_ID, TEST_APP, startServer, type StartedServer } from './support';

let server: StartedServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

function publisher(port: number): Pusher {
  return new Pusher({
    appId: TEST_APP.id,
    key: TEST_APP.key,
    secret: TEST_APP.secret,
    host: '127.0.0.1',
    port: String(port),
    useTLS: false,
  });
}

/** Sends a raw HTTP request and resolves status and body; the body may be written in parts. */
function rawHttp(
  port: number,
  method: string,
  path: string,
  body: Buffer | undefined,
  headers: Record<string, string | number> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          headers: res.headers,
        }),
      );
    });
    // The server may answer 413 and close before the upload ends; the response is what counts.
    req.on('error', reject);
    req.end(body);
  });
}

describe('createNodeServer', () => {
  it('sends the exact connection_established frame on /app/{key}', async () => {
    server = await startServer();
    const client = await server.client();
    const text = await client.next();
    const socketId = (JSON.parse(JSON.parse(text).data as string) as { socket_id: string })
      .socket_id;
    expect(socketId).toMatch(SOCKET_ID);
    expect(text).toBe(
      JSON.stringify({
        event: 'pusher:connection_established',
        data: JSON.stringify({ socket_id: socketId, activity_timeout: 30 }),
      }),
    );
  });

  it('answers an unknown app key with 4001 and closes', async () => {
    server = await startServer();
    const client = await server.client('no-such-key');
    const error = await client.nextJson();
    expect(error.event).toBe('pusher:error');
    expect((await client.closed).code).toBe(4001);
  });

  it('answers a WebSocket on a path outside /app/{key} with 4005, as the protocol says', async () => {
    server = await startServer();
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/socket`);
    const [data] = (await once(ws, 'message')) as [Buffer];
    expect(JSON.parse(data.toString())).toEqual({
      event: 'pusher:error',
      data: { code: 4005, message: 'Path not found: expected /app/{key}' },
    });
    const [code] = (await once(ws, 'close')) as [number];
    expect(code).toBe(4005);
  });

  it('serves the HTTP API on the same port: a signed publish reaches a subscriber', async () => {
    server = await startServer();
    const client = await server.client();
    await client.established();
    await client.subscribe('orders');
    const response = await publisher(server.port).trigger('orders', 'order.shipped', { id: 7 });
    expect(response.status).toBe(200);
    expect(JSON.parse(await client.next())).toEqual({
      event: 'order.shipped',
      channel: 'orders',
      data: JSON.stringify({ id: 7 }),
    });
  });

  it('answers GET /up', async () => {
    server = await startServer();
    const response = await fetch(`${server.httpUrl}/up`);
    expect(response.status).toBe(200);
  });

  it('rejects a bad signature with the API status and a JSON error', async () => {
    server = await startServer();
    const response = await fetch(`${server.httpUrl}/apps/${TEST_APP.id}/channels?auth_key=x`);
    expect(response.status).toBe(401);
    expect(await response.json()).toHaveProperty('error');
  });

  it("answers 413 to a declared body over the app's maxRequestBodyBytes without reading it", async () => {
    server = await startServer();
    const max = DEFAULT_APP_LIMITS.maxRequestBodyBytes;
    const response = await rawHttp(
      server.port,
      'POST',
      `/apps/${TEST_APP.id}/events`,
      Buffer.alloc(0),
      {
        'content-type': 'application/json',
        'content-length': max + 1,
      },
    );
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual({
      error: `Request body is larger than ${max} bytes`,
    });
  });

  it("answers 413 to a signed chunked body that grows past the app's maxRequestBodyBytes", async () => {
    server = await startServer();
    const body = Buffer.alloc(DEFAULT_APP_LIMITS.maxRequestBodyBytes + 1024, 'a');
    const path = `/apps/${TEST_APP.id}/events`;
    const query = `auth_key=${TEST_APP.key}&auth_timestamp=${Math.floor(Date.now() / 1000)}&auth_version=1.0&body_md5=${createHash('md5').update(body).digest('hex')}`;
    const signature = hmacSha256Hex(
      TEST_APP.secret,
      stringToSign(
        'POST',
        path,
        new Map(query.split('&').map((pair) => pair.split('=') as [string, string])),
      ),
    );
    const response = await rawHttp(
      server.port,
      'POST',
      `${path}?${query}&auth_signature=${signature}`,
      body,
      {
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
      },
    );
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
  });

  it('answers a binary frame with a pusher:error and leaves other clients untouched', async () => {
    server = await startServer();
    const sender = await server.client();
    const bystander = await server.client();
    await sender.established();
    await bystander.established();
    await bystander.subscribe('news');

    sender.ws.send(Buffer.from([1, 2, 3]));
    const error = await sender.nextJson();
    expect(error.event).toBe('pusher:error');
    expect(error.data).toMatchObject({ code: 4300 });

    await publisher(server.port).trigger('news', 'headline', 'still here');
    expect((await bystander.nextJson()).event).toBe('headline');
    // The sender's socket is still usable too.
    sender.sendJson({ event: 'pusher:ping', data: {} });
    expect((await sender.nextJson()).event).toBe('pusher:pong');
  });

  it('answers an oversized message with the core error, not a transport close', async () => {
    server = await startServer();
    const client = await server.client();
    await client.established();
    client.ws.send(JSON.stringify({ event: 'pusher:ping', data: 'x'.repeat(20_000) }));
    const error = await client.nextJson();
    expect(error.event).toBe('pusher:error');
    expect(error.data).toMatchObject({ code: 4303 });
    expect((await client.closed).code).not.toBe(1009);
  });

  it('closes every client with 4200 on close() and stops accepting', async () => {
    server = await startServer();
    const first = await server.client();
    const second = await server.client();
    await first.established();
    await second.established();
    const { port, node } = server;

    await node.close();
    expect((await first.closed).code).toBe(4200);
    expect((await second.closed).code).toBe(4200);
    const refused = connect(port, '127.0.0.1');
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('counts a closed client out of the core at once', async () => {
    server = await startServer();
    const client = await server.client();
    await client.established();
    expect(server.node.herald.connectionCount).toBe(1);
    const closed = new Promise<void>((resolve) =>
      server?.node.herald.observe({ connectionClosed: () => resolve() }),
    );
    await client.close();
    await closed;
    expect(server.node.herald.connectionCount).toBe(0);
  });
});
