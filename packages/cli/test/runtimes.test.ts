// The CLI's TLS and scaling on both runtimes: `--runtime bun` takes every flag Node takes.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Pusher from 'pusher';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../../node/test/raw-client';
import { spawnHerald, type CliProcess } from './cli-process';

const APP = { HERALD_APP_ID: 'rt-app', HERALD_APP_KEY: 'rt-key', HERALD_APP_SECRET: 'rt-secret' };
const running: CliProcess[] = [];
const clients: RawClient[] = [];
let dir: string;
let certPath: string;
let keyPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-cli-tls-'));
  certPath = join(dir, 'cert.pem');
  keyPath = join(dir, 'key.pem');
  // A throwaway self-signed certificate for 127.0.0.1, made by the machine's openssl.
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', certPath],
    ],
    { stdio: 'ignore' },
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const cli of running.splice(0)) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill('SIGKILL');
      await cli.exited;
    }
  }
});

function herald(args: string[], env: Record<string, string> = {}): CliProcess {
  const cli = spawnHerald(['start', '--host', '127.0.0.1', '--port', '0', ...args], {
    ...APP,
    ...env,
  });
  running.push(cli);
  return cli;
}

async function connect(url: string, options?: { ca: Buffer }): Promise<RawClient> {
  const client = await RawClient.connect(url, options);
  clients.push(client);
  await client.established();
  return client;
}

describe.each(['node', 'bun'] as const)('herald start --runtime %s', (runtime) => {
  it('serves wss:// and https:// with --tls-cert and --tls-key', async () => {
    const cli = herald(['--runtime', runtime, '--tls-cert', certPath, '--tls-key', keyPath]);
    const port = await cli.port();
    expect(cli.output()).toContain(`WebSocket wss://127.0.0.1:${port}/app/{key}`);
    const ca = readFileSync(certPath);
    const client = await connect(`wss://127.0.0.1:${port}/app/rt-key?protocol=7`, { ca });
    await client.subscribe('secure');
    const sdk = new Pusher({
      appId: 'rt-app',
      key: 'rt-key',
      secret: 'rt-secret',
      host: '127.0.0.1',
      port: String(port),
      useTLS: true,
      agent: new Agent({ ca }),
    });
    await sdk.trigger('secure', 'sealed', { ok: true });
    expect(await client.nextJson()).toMatchObject({ event: 'sealed', channel: 'secure' });
  });

  it.each(['redis', 'nats'] as const)(
    'joins a second node over --scaling %s: an event published on one reaches a client of the other',
    async (driver) => {
      const env = { HERALD_SCALING_PREFIX: `herald-rt-${randomBytes(4).toString('hex')}` };
      const nodes = [0, 1].map(() => herald(['--runtime', runtime, '--scaling', driver], env));
      const [first, second] = await Promise.all(nodes.map((node) => node.port()));
      await Promise.all(nodes.map((node) => node.line(/scaling over/)));
      const client = await connect(`ws://127.0.0.1:${second!}/app/rt-key?protocol=7`);
      await client.subscribe('orders');
      const sdk = new Pusher({
        appId: 'rt-app',
        key: 'rt-key',
        secret: 'rt-secret',
        host: '127.0.0.1',
        port: String(first!),
      });
      // The first node knows the second (by heartbeat) once it lists the second's channel.
      for (;;) {
        const listed = (await (await sdk.get({ path: '/channels' })).json()) as {
          channels: Record<string, unknown>;
        };
        if ('orders' in listed.channels) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await sdk.trigger('orders', 'shipped', { id: 42 });
      const received = client.nextJson();
      expect(await received).toMatchObject({ event: 'shipped', channel: 'orders' });
      if (runtime === 'bun')
        expect(nodes.every((node) => node.output().includes(' under Bun '))).toBe(true);
    },
    20_000,
  );
});
