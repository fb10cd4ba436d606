// Starts a server under test in its own child process, so /proc shows its CPU and memory alone.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { residentKb } from './proc-stats';
import type { Target } from './report';
import type { ServerCommand, ServerReport } from './server-control';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** The Bun binary of the `bun` npm package installed for @herald/bun. */
function bunBinary(): string {
  const require = createRequire(import.meta.url);
  const bunPackage = dirname(require.resolve('@herald/bun/package.json'));
  return join(
    dirname(createRequire(join(bunPackage, 'package.json')).resolve('bun/package.json')),
    'bin',
    'bun.exe',
  );
}

const SERVER_ENTRIES: Record<Target, string> = {
  herald: fileURLToPath(new URL('../servers/herald-server.ts', import.meta.url)),
  bun: fileURLToPath(new URL('../servers/bun-server.ts', import.meta.url)),
  ceiling: fileURLToPath(new URL('../servers/raw-ws-server.ts', import.meta.url)),
};

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

/** Where server children write `--cpu-prof` profiles, when profiling was asked for. */
export interface ServerProcessOptions {
  readonly cpuProfileDir?: string;
  /** Extra environment for the server child (e.g. the scaling bus it joins). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Memory of a server child: RSS from /proc, heap from the server itself after a full GC. */
export interface ServerMemory {
  readonly rssKb: number;
  readonly heapUsedKb: number;
  readonly externalKb: number;
}

/** A running server child. */
export class ServerProcess {
  private constructor(
    readonly target: Target,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  /** Starts the server for `target` and resolves once it listens. */
  static async start(target: Target, options: ServerProcessOptions = {}): Promise<ServerProcess> {
    const execArgv = ['--import', import.meta.resolve('tsx'), '--expose-gc'];
    if (options.cpuProfileDir !== undefined) {
      execArgv.push(
        '--cpu-prof',
        // One folder per target; Node's default file names carry pid and thread id, so the main
        // thread's profile is not overwritten by the module-hooks thread's.
        `--cpu-prof-dir=${join(options.cpuProfileDir, target)}`,
      );
    }
    // The Bun server runs under the real Bun binary; Bun speaks Node's IPC in its JSON form.
    const child =
      target === 'bun'
        ? fork(SERVER_ENTRIES.bun, [], {
            execPath: bunBinary(),
            execArgv: [],
            stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
            serialization: 'json',
          })
        : fork(SERVER_ENTRIES[target], [], {
            execArgv,
            stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
            serialization: 'advanced',
            env: { ...process.env, ...options.env },
          });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${target} server did not start in time`)),
        START_TIMEOUT_MS,
      );
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${target} server exited with ${code} before listening`));
      });
      child.on('message', (report: ServerReport) => {
        if (report.type !== 'listening') return;
        clearTimeout(timer);
        resolve(report.port);
      });
    });
    child.removeAllListeners('exit');
    return new ServerProcess(target, port, child);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('server child has no pid');
    return this.child.pid;
  }

  /** Forces a GC in the server, then reads its heap (from the server) and RSS (from /proc). */
  async memory(): Promise<ServerMemory> {
    const report = await new Promise<ServerReport & { type: 'memory' }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server did not report memory')), 10_000);
      const onMessage = (message: ServerReport): void => {
        if (message.type !== 'memory') return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(message);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'memory' } satisfies ServerCommand);
    });
    return {
      rssKb: residentKb(this.pid),
      heapUsedKb: report.heapUsedKb,
      externalKb: report.externalKb,
    };
  }

  /** Stops the server (SIGTERM, then SIGKILL if it hangs) and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}
