// The grid app as a child process (`tsx src/main.ts`), as `pnpm start` runs it: for the Redis test,
// where two processes share one grid and one of them is stopped and started again.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

/** A running `tsx src/main.ts`. */
export interface AppProcess {
  readonly url: string;
  /** SIGTERM, as a deploy would: the app closes its connections (clients reconnect) and exits. */
  stop(): Promise<void>;
}

/** Starts the app on `port` with `env`; resolves once it prints its URL. */
export async function startAppProcess(
  port: number,
  env: Record<string, string>,
): Promise<AppProcess> {
  const child: ChildProcess = spawn(TSX, ['src/main.ts'], {
    cwd: EXAMPLE_DIR,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = once(child, 'exit');
  const started = new Promise<string>((resolve) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        const match = /open (http:\/\/\S+)/.exec(line);
        if (match) resolve(match[1]!);
      });
    }
  });
  const url = await Promise.race([
    started,
    exited.then(([code]) => {
      throw new Error(`the app exited with ${String(code)}:\n${lines.join('\n')}`);
    }),
  ]);
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A port nobody listens on right now, to start (and restart) an app on. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
