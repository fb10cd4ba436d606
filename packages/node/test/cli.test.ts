// The `herald` CLI as users run it: the built dist/cli.js in a real child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Pusher from 'pusher';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from './support';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** A running CLI process with its output read line by line. */
class CliProcess {
  readonly lines: string[] = [];
  private readonly watchers: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => this.onLine(line));
    }
    this.exited = once(child, 'exit').then(([code]) => code as number | null);
  }

  /** Resolves with the first line (past or future) matching `pattern`. */
  line(pattern: RegExp): Promise<RegExpMatchArray> {
    for (const line of this.lines) {
      const match = line.match(pattern);
      if (match) return Promise.resolve(match);
    }
    return new Promise((resolve) => this.watchers.push({ pattern, resolve }));
  }

  /** The port from the "listening on" line. */
  async port(): Promise<number> {
    const match = await Promise.race([
      this.line(/listening on .*:(\d+) /),
      this.exited.then((code) => {
        throw new Error(`herald exited with ${code}:\n${this.lines.join('\n')}`);
      }),
    ]);
    return Number(match[1]);
  }

  output(): string {
    return this.lines.join('\n');
  }

  private onLine(line: string): void {
    this.lines.push(line);
    for (const watcher of [...this.watchers]) {
      const match = line.match(watcher.pattern);
      if (!match) continue;
      this.watchers.splice(this.watchers.indexOf(watcher), 1);
      watcher.resolve(match);
    }
  }
}

const running: CliProcess[] = [];
const clients: RawClient[] = [];
let tempDir: string | undefined;

/** Starts the CLI with only the given HERALD_* / REVERB_* variables (the parent's are dropped). */
function herald(args: string[], env: Record<string, string> = {}): CliProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(HERALD|REVERB)_/.test(name)),
  );
  const cli = new CliProcess(
    spawn(process.execPath, [CLI, ...args], { env: { ...inherited, ...env } }),
  );
  running.push(cli);
  return cli;
}

async function connect(port: number, key: string): Promise<RawClient> {
  const client = await RawClient.connect(`ws://127.0.0.1:${port}/app/${key}?protocol=7`);
  clients.push(client);
  return client;
}

/** A port that was free a moment ago (the CLI must be given a fixed port in the Reverb test). */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
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
    expect(cli.output()).toMatch(/WARNING: .*development only/);

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
  });
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
});
