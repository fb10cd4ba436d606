// Serving wss:// and https:// directly from a certificate and key, with a self-signed certificate.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Pusher from 'pusher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createNodeServer, type NodeServer } from '../src/index';

const APP = { id: 'tls-app', key: 'tls-key', secret: 'tls-secret' };
let dir: string;
let cert: Buffer;
let key: Buffer;
let server: NodeServer;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'herald-tls-'));
  // A throwaway self-signed certificate for 127.0.0.1, made by the machine's openssl.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  cert = readFileSync(join(dir, 'cert.pem'));
  key = readFileSync(join(dir, 'key.pem'));
  server = createNodeServer({ apps: [APP], port: 0, tls: { cert, key } });
  ({ port } = await server.listen());
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS', () => {
  it('accepts wss:// connections that trust the certificate and delivers events published over https', async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${port}/app/${APP.key}?protocol=7`, { ca: cert });
    const messages: Array<{ event: string; data?: unknown }> = [];
    ws.on('message', (data) =>
      messages.push(JSON.parse((data as Buffer).toString('utf8')) as { event: string }),
    );
    await once(ws, 'open');
    await waitUntil(() => messages.some((m) => m.event === 'pusher:connection_established'));
    ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: 'secure' } }));
    await waitUntil(() =>
      messages.some((m) => m.event === 'pusher_internal:subscription_succeeded'),
    );
    const { Agent } = await import('node:https');
    const pusher = new Pusher({
      appId: APP.id,
      key: APP.key,
      secret: APP.secret,
      host: '127.0.0.1',
      port: String(port),
      useTLS: true,
      agent: new Agent({ ca: cert }),
    });
    await pusher.trigger('secure', 'sealed', { ok: true });
    await waitUntil(() => messages.some((m) => m.event === 'sealed'));
    ws.close();
  });

  it('refuses plain ws:// on the TLS port', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/app/${APP.key}?protocol=7`);
    const [error] = (await once(ws, 'error').catch((e: unknown) => [e])) as [Error];
    expect(error).toBeInstanceOf(Error);
  });

  it('refuses a client that does not trust the certificate', async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${port}/app/${APP.key}?protocol=7`);
    const [error] = (await once(ws, 'error').catch((e: unknown) => [e])) as [Error];
    expect(String(error.message)).toMatch(/self[- ]signed|certificate/i);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
