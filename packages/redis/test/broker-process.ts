// Private broker processes (redis-server, nats-server) on spare ports, for fault tests that stop and
// restart the broker without touching the shared services on 6379 / 4222. Shared with @herald/nats.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1, as the kernel hands them out for port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A broker that can be stopped and started again on the same port. */
export interface BrokerProcess {
  readonly port: number;
  /** Starts the broker and resolves once it logs that it accepts connections. */
  start(): Promise<void>;
  /** Kills the broker (SIGKILL, like a crash) and resolves once it has exited. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

/**
 * Runs `command` with `args(port)` on a fresh spare port; `readyLine` is what the broker logs once it
 * listens. Call `stop()` in `afterAll`/`finally`.
 */
export async function brokerProcess(
  command: string,
  args: (port: number) => string[],
  readyLine: RegExp,
): Promise<BrokerProcess> {
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const proc = spawn(command, args(port), {
        stdio: ['ignore', 'pipe', 'pipe'],
        // Debian installs nats-server in /usr/sbin, which is not on every user's PATH.
        env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin` },
      });
      child = proc;
      let log = '';
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(
          new Error(`${command} on port ${port} not ready after ${READY_TIMEOUT_MS} ms:\n${log}`),
        );
      }, READY_TIMEOUT_MS);
      const onData = (chunk: Buffer): void => {
        log += chunk.toString();
        if (readyLine.test(log)) {
          clearTimeout(timer);
          proc.stdout?.off('data', onData);
          proc.stderr?.off('data', onData);
          proc.stdout?.resume();
          proc.stderr?.resume();
          resolve();
        }
      };
      proc.stdout?.on('data', onData);
      proc.stderr?.on('data', onData);
      proc.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`cannot start ${command} (run scripts/services.sh): ${error.message}`));
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${command} on port ${port} exited with ${code}:\n${log}`));
      });
    });

  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });

  await start();
  return { port, start, stop };
}

/** A private redis-server without persistence, so a restart comes back empty like a crash would. */
export function redisProcess(): Promise<BrokerProcess> {
  return brokerProcess(
    'redis-server',
    (port) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    /Ready to accept connections/,
  );
}

/** A private nats-server on 127.0.0.1. */
export function natsProcess(): Promise<BrokerProcess> {
  return brokerProcess(
    'nats-server',
    (port) => ['-a', '127.0.0.1', '-p', String(port)],
    /Server is ready/,
  );
}
