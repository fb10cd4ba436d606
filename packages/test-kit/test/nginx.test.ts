// docs/deployment.md's nginx configuration, run for real with Debian's nginx in front of `herald start`:
// pusher-js connects and the `pusher` SDK publishes through it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type PusherClient from 'pusher-js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPublisher,
  createPusherClient,
  disconnectPusher,
  nextEvent,
  testApp,
  waitFor,
  whenConnected,
  whenSubscribed,
} from '../src/index';
import { HeraldProcess } from '../src/scaling/herald-process';

/** Debian's nginx, installed by scripts/services.sh; NGINX_PATH points elsewhere. */
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const DEPLOYMENT_DOC = fileURLToPath(new URL('../../../docs/deployment.md', import.meta.url));
const app = testApp();

/** The first ```nginx block of docs/deployment.md: the configuration the doc tells operators to use. */
function documentedConfig(): string {
  const match = /```nginx\n([\s\S]*?)```/.exec(readFileSync(DEPLOYMENT_DOC, 'utf8'));
  if (match === null) throw new Error('docs/deployment.md has no ```nginx block');
  return match[1]!;
}

/** `text` with `from` replaced by `to`; throws if `from` is not there (the doc changed shape). */
function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`docs/deployment.md's nginx block has no "${from}"`);
  return text.replace(from, to);
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** nginx in the foreground with its own prefix, pid and logs in a temp dir, proxying to `heraldPort`. */
class Nginx {
  readonly exited: Promise<unknown>;
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly dir: string,
    readonly port: number,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = once(child, 'exit');
  }

  static async start(heraldPort: number): Promise<Nginx> {
    const dir = mkdtempSync(join(tmpdir(), 'herald-nginx-'));
    // Workers drop to an unprivileged user when nginx runs as root; they must reach the temp paths.
    chmodSync(dir, 0o755);
    const port = await freePort();
    let site = replaceOnce(documentedConfig(), 'listen 80;', `listen 127.0.0.1:${port};`);
    site = replaceOnce(site, 'server 127.0.0.1:8080;', `server 127.0.0.1:${heraldPort};`);
    const conf = [
      'daemon off;',
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 256; }',
      'http {',
      `  access_log ${dir}/access.log;`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${dir}/${kind}-temp;`,
      ),
      site,
      '}',
    ].join('\n');
    writeFileSync(join(dir, 'nginx.conf'), conf);
    const child = spawn(
      NGINX,
      ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    return new Nginx(child, dir, port);
  }

  /** GET `path` through nginx. */
  get(path: string): Promise<Response> {
    return fetch(`http://127.0.0.1:${this.port}${path}`);
  }

  hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  accessLog(): string {
    const file = join(this.dir, 'access.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  describe(): string {
    const file = join(this.dir, 'error.log');
    return `nginx stderr: ${this.stderr}\nerror.log: ${existsSync(file) ? readFileSync(file, 'utf8') : ''}`;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      await this.exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function heraldBehindNginx(): Promise<{ herald: HeraldProcess; nginx: Nginx }> {
  const { process: herald, port } = await HeraldProcess.start({ apps: [app] });
  cleanups.push(() => herald.kill());
  const nginx = await Nginx.start(port);
  cleanups.push(() => nginx.stop());
  // nginx is up and proxying once /up answers through it.
  await waitFor(
    async () => {
      if (nginx.hasExited()) throw new Error(`nginx exited\n${nginx.describe()}`);
      return (await nginx.get('/up').catch(() => undefined))?.ok;
    },
    { timeoutMs: 10_000, intervalMs: 50 },
  );
  return { herald, nginx };
}

function pusherThrough(
  nginx: Nginx,
  transports: readonly ('ws' | 'xhr_streaming')[],
): PusherClient {
  const client = createPusherClient({
    server: { host: '127.0.0.1', port: nginx.port },
    app,
    transports,
  });
  cleanups.push(() => disconnectPusher(client));
  return client;
}

describe.skipIf(!existsSync(NGINX))(
  `behind nginx (docs/deployment.md; needs ${NGINX}, installed by scripts/services.sh)`,
  { timeout: 30_000 },
  () => {
    it('answers /up and /ready through nginx, not around it', async () => {
      const { nginx } = await heraldBehindNginx();
      for (const path of ['/up', '/ready']) {
        const response = await nginx.get(path);
        expect(response.status).toBe(200);
        expect(response.headers.get('server')).toMatch(/^nginx/);
        await response.body?.cancel();
      }
    });

    it('delivers an event published with the pusher SDK to pusher-js, both through nginx', async () => {
      const { nginx } = await heraldBehindNginx();
      const client = pusherThrough(nginx, ['ws']);
      await whenConnected(client, 10_000);
      const channel = client.subscribe('private-orders');
      await whenSubscribed(channel, 10_000);

      const received = nextEvent(channel, 'order-placed', 10_000);
      const publisher = createPublisher({ host: '127.0.0.1', port: nginx.port }, app);
      const response = await publisher.trigger('private-orders', 'order-placed', { id: 42 });
      expect(response.status).toBe(200);
      expect(await received).toEqual({ id: 42 });

      // The WebSocket itself went through nginx: its access log has the upgrade once it closes.
      await disconnectPusher(client);
      await waitFor(() => /"GET \/app\/conformance-key\?[^"]*" 101 /.test(nginx.accessLog()), {
        timeoutMs: 5000,
      });
    });

    it("serves pusher-js's HTTP fallback (xhr_streaming) through nginx", async () => {
      const { nginx } = await heraldBehindNginx();
      const client = pusherThrough(nginx, ['xhr_streaming']);
      await whenConnected(client, 10_000);
      const channel = client.subscribe('orders');
      await whenSubscribed(channel, 10_000);

      const received = nextEvent(channel, 'order-placed', 10_000);
      const publisher = createPublisher({ host: '127.0.0.1', port: nginx.port }, app);
      await publisher.trigger('orders', 'order-placed', { id: 7 });
      expect(await received).toEqual({ id: 7 });
    });
  },
);
