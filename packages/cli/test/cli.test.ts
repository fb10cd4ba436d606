// The `herald` CLI as users run it: the built dist/cli.js in a real child process.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { ensureSchema } from '@herald/postgres';
import pg from 'pg';
import Pusher from 'pusher';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
// The Node adapter's raw test client: one copy for both packages' tests.
import { RawClient } from '../../node/test/raw-client';
import { CLI, freePort, spawnHerald, type CliProcess } from './cli-process';

const running: CliProcess[] = [];
const clients: RawClient[] = [];
let tempDir: string | undefined;

/** Starts the CLI (see {@link spawnHerald}); afterEach kills it if the test did not. */
function herald(args: string[], env: Record<string, string> = {}): CliProcess {
  const cli = spawnHerald(args, env);
  running.push(cli);
  return cli;
}

async function connect(port: number, key: string): Promise<RawClient> {
  const client = await RawClient.connect(`ws://127.0.0.1:${port}/app/${key}?protocol=7`);
  clients.push(client);
  return client;
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package first (tsup)`);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const cli of running.splice(0)) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill('SIGKILL');
      await cli.exited;
    }
  }
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = undefined;
});

describe('herald start', () => {
  it('starts a development app and prints working credentials with a warning', async () => {
    const cli = herald(['start', '--host', '127.0.0.1', '--port', '0']);
    const port = await cli.port();
    const [, id] = await cli.line(/app id:\s+(\S+)/);
    const [, key] = await cli.line(/app key:\s+(\S+)/);
    const [, secret] = await cli.line(/app secret:\s+(\S+)/);
    // The warning goes to stderr, the credentials to stdout: the two pipes keep no common order.
    await cli.line(/WARNING: .*development only/);

    const client = await connect(port, key!);
    await client.established();
    await client.subscribe('dev');
    const pusher = new Pusher({
      appId: id!,
      key: key!,
      secret: secret!,
      host: '127.0.0.1',
      port: String(port),
      useTLS: false,
    });
    await pusher.trigger('dev', 'ping', {});
    expect((await client.nextJson()).event).toBe('ping');
  });

  it('names --http-fallback-hostname in a new HTTP fallback session', async () => {
    const cli = herald([
      'start',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--http-fallback-hostname',
      'node-1.ws.example.com',
    ]);
    const port = await cli.port();
    const [, key] = await cli.line(/app key:\s+(\S+)/);
    const opened = await fetch(
      `http://127.0.0.1:${port}/pusher/app/${key}/1/abcd1234/xhr?protocol=7`,
      {
        method: 'POST',
      },
    );
    expect(await opened.text()).toBe('o{"hostname":"node-1.ws.example.com"}\n');
  });

  it('runs from a Laravel .env as it is (REVERB_* variables)', async () => {
    const port = await freePort();
    const cli = herald(['start'], {
      REVERB_APP_ID: '100200',
      REVERB_APP_KEY: 'reverb-key',
      REVERB_APP_SECRET: 'reverb-secret',
      REVERB_SERVER_HOST: '127.0.0.1',
      REVERB_SERVER_PORT: String(port),
    });
    expect(await cli.port()).toBe(port);
    const client = await connect(port, 'reverb-key');
    await client.established();
    expect(cli.output()).not.toMatch(/WARNING/);
    expect(cli.output()).not.toContain('reverb-secret');
  });

  it('exits 2 naming the field of an invalid config file', async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'herald-cli-'));
    const config = join(tempDir, 'herald.config.json');
    writeFileSync(config, JSON.stringify({ apps: [{ id: '1', key: '', secret: 's' }] }));
    const cli = herald(['start', '--config', config]);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toContain('herald: config error: apps[0].key must be a non-empty string');
  });

  it('exits 2 naming the variable of an invalid port', async () => {
    const cli = herald(['start'], { HERALD_PORT: 'eighty' });
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toContain('herald: config error: HERALD_PORT must be an integer');
  });

  it('exits 2 on an unknown flag', async () => {
    const cli = herald(['start', '--prot', '1']);
    expect(await cli.exited).toBe(2);
  });

  it('on SIGTERM closes every client with 4200 and exits 0', async () => {
    const cli = herald([
      'start',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--app-id',
      '1',
      '--app-key',
      'k',
      '--app-secret',
      's',
    ]);
    const port = await cli.port();
    const first = await connect(port, 'k');
    const second = await connect(port, 'k');
    await first.established();
    await second.established();

    cli.child.kill('SIGTERM');
    expect((await first.closed).code).toBe(4200);
    expect((await second.closed).code).toBe(4200);
    expect(await cli.exited).toBe(0);
    // The default drain window (3 s) runs in full, on top of the start-up.
  }, 15_000);
});

describe('herald start --runtime bun', () => {
  it('serves the same settings from a Bun process and drains it on SIGTERM', async () => {
    const cli = herald(['start', '--runtime', 'bun', '--host', '127.0.0.1', '--port', '0'], {
      HERALD_APP_ID: 'bun-app',
      HERALD_APP_KEY: 'bun-key',
      HERALD_APP_SECRET: 'bun-secret',
    });
    const port = await cli.port();
    expect(cli.output()).toMatch(/under Bun/);
    const client = await connect(port, 'bun-key');
    await client.established();
    cli.child.kill('SIGTERM');
    expect((await client.closed).code).toBe(4200);
    expect(await cli.exited).toBe(0);
  });

  it('announces one development app, made by the Bun process that serves it', async () => {
    const cli = herald(['start', '--runtime', 'bun', '--host', '127.0.0.1', '--port', '0']);
    const port = await cli.port();
    const [, key] = await cli.line(/app key:\s+(\S+)/);
    expect(cli.lines.filter((line) => /app key:/.test(line))).toHaveLength(1);
    const client = await connect(port, key!);
    await client.established();
  });

  it('drains once when one Ctrl-C reaches both the herald process and its Bun child', async () => {
    const cli = herald(['start', '--runtime', 'bun', '--host', '127.0.0.1', '--port', '0'], {
      HERALD_APP_ID: 'bun-app',
      HERALD_APP_KEY: 'bun-key',
      HERALD_APP_SECRET: 'bun-secret',
      HERALD_DRAIN_WINDOW_MS: '200',
    });
    const port = await cli.port();
    const client = await connect(port, 'bun-key');
    await client.established();
    const bunPid = Number(
      execFileSync('pgrep', ['-P', String(cli.child.pid)], { encoding: 'utf8' }),
    );
    // A terminal signals the whole foreground process group; the parent then forwards it too.
    process.kill(bunPid, 'SIGINT');
    cli.child.kill('SIGINT');
    expect((await client.closed).code).toBe(4200);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).not.toMatch(/SIGINT again/);
  });

  it('stops serving when the herald process it runs under is killed', async () => {
    const cli = herald(['start', '--runtime', 'bun', '--host', '127.0.0.1', '--port', '0'], {
      HERALD_APP_ID: 'bun-app',
      HERALD_APP_KEY: 'bun-key',
      HERALD_APP_SECRET: 'bun-secret',
    });
    const port = await cli.port();
    const client = await connect(port, 'bun-key');
    await client.established();
    cli.child.kill('SIGKILL');
    // The Bun process notices at once (its IPC channel closes) and exits; its sockets go with it.
    expect((await client.closed).code).toBe(1006);
  });
});

/** A real HTTP endpoint recording webhook POSTs. */
async function startHookReceiver(): Promise<{
  url: string;
  hooks: { headers: Record<string, unknown>; body: string }[];
  close(): void;
}> {
  const hooks: { headers: Record<string, unknown>; body: string }[] = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hooks`, hooks, close: () => server.close() };
}

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// The operations run the same on both runtimes: one composition, two adapters.
describe.each(['node', 'bun'] as const)(
  'herald start --runtime %s: webhooks, metrics, logs and an apps database',
  (runtime) => {
    /** `herald start` on this runtime on 127.0.0.1 and a free port, then `extra`. */
    const startOnLoopback = (...extra: string[]): string[] => [
      'start',
      '--runtime',
      runtime,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      ...extra,
    ];
    const APP = {
      HERALD_APP_ID: 'ops-app',
      HERALD_APP_KEY: 'ops-key',
      HERALD_APP_SECRET: 'ops-secret-value',
    };

    it('sends webhooks to --webhook-url, serves /metrics on the main port and logs JSON without secrets', async () => {
      const receiver = await startHookReceiver();
      try {
        const cli = herald(
          startOnLoopback('--webhook-url', receiver.url, '--metrics', '--log-level', 'debug'),
          APP,
        );
        const port = await cli.port();
        expect(cli.output().includes(' under Bun ')).toBe(runtime === 'bun');
        const client = await connect(port, 'ops-key');
        await client.established();
        await client.subscribe('orders');
        const hook = await until(() => receiver.hooks[0], 'a webhook');
        const sdk = new Pusher({
          appId: 'ops-app',
          key: 'ops-key',
          secret: 'ops-secret-value',
          host: '127.0.0.1',
        });
        const webhook = sdk.webhook({ headers: hook.headers, rawBody: hook.body });
        expect(webhook.isValid()).toBe(true);
        expect(webhook.getEvents()).toEqual([{ name: 'channel_occupied', channel: 'orders' }]);

        const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        expect(metrics).toMatch(/^herald_connections\{app_id="ops-app"\} 1$/m);
        expect(metrics).toMatch(/^herald_subscriptions\{app_id="ops-app"\} 1$/m);

        const refused = await connect(port, 'no-such-key');
        await refused.closed;
        const rejected = await cli.line(/"event":"connection_rejected"/);
        expect(JSON.parse(rejected.input!)).toMatchObject({
          level: 40,
          appKey: 'no-such-key',
          code: 4001,
        });
        await cli.line(/"event":"connection_opened"/);
        expect(cli.output()).not.toContain('ops-secret-value');
      } finally {
        receiver.close();
      }
    });

    it('serves metrics on their own port with --metrics-port', async () => {
      const metricsPort = await freePort();
      const cli = herald(startOnLoopback('--metrics-port', String(metricsPort)), APP);
      const port = await cli.port();
      await cli.line(/metrics on http:\/\/127\.0\.0\.1:\d+\/metrics/);
      const client = await connect(port, 'ops-key');
      await client.established();
      const json = (await (await fetch(`http://127.0.0.1:${metricsPort}/metrics.json`)).json()) as {
        name: string;
        values: { value: number; labels: Record<string, string> }[];
      }[];
      const connections = json.find((m) => m.name === 'herald_connections')!;
      expect(connections.values).toContainEqual(
        expect.objectContaining({ value: 1, labels: { app_id: 'ops-app' } }),
      );
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    });

    it('serves apps from a PostgreSQL table with --apps-database-url', async () => {
      const url = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
      const pool = new pg.Pool({ connectionString: url });
      const table = `herald_cli_test_${process.pid}_${Date.now()}`;
      try {
        await ensureSchema(pool, table);
        await pool.query(
          `INSERT INTO ${table} (id, key, secret, enabled) VALUES ($1, $2, $3, true), ($4, $5, $6, false)`,
          ['db-app', 'db-key', 'db-secret', 'off-app', 'off-key', 'off-secret'],
        );
        const cli = herald(startOnLoopback('--apps-database-url', url, '--apps-table', table));
        const port = await cli.port();
        expect(cli.output()).toContain(`apps from the database table ${table}`);
        expect(cli.output()).not.toMatch(/development app/);
        const client = await connect(port, 'db-key');
        await client.established();
        const disabled = await connect(port, 'off-key');
        expect((await disabled.closed).code).toBe(4003);
        const unknown = await connect(port, 'nope');
        expect((await unknown.closed).code).toBe(4001);
      } finally {
        await pool.query(`DROP TABLE IF EXISTS ${table} CASCADE`).catch(() => undefined);
        await pool.end();
      }
    });

    it('refuses an apps database together with configured apps, and an unknown log level', async () => {
      const both = herald(
        ['start', '--runtime', runtime, '--apps-database-url', 'postgres://127.0.0.1/x'],
        APP,
      );
      expect(await both.exited).toBe(2);
      expect(both.output()).toMatch(/either from the config .* or from --apps-database-url/);
      const level = herald(['start', '--runtime', runtime, '--log-level', 'loud'], APP);
      expect(await level.exited).toBe(2);
      expect(level.output()).toMatch(
        /--log-level must be one of fatal, error, warn, info, debug, trace, silent/,
      );
    });
  },
);
