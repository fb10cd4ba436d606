// Private Redis and NATS servers on spare ports, for tests that stop and restart the bus.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A broker this test owns; the machine's shared Redis and NATS are never touched. */
export interface Broker {
  readonly url: string;
  start(): Promise<void>;
  /** SIGKILL, like a crash. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function broker(
  command: string,
  args: (port: number) => string[],
  ready: RegExp,
  scheme: string,
): Promise<Broker> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    start: () =>
      new Promise((resolve, reject) => {
        const proc = spawn(command, args(port), {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin` },
        });
        child = proc;
        let log = '';
        const timer = setTimeout(() => reject(new Error(`${command} not ready:\n${log}`)), 10_000);
        const onData = (chunk: Buffer) => {
          log += chunk.toString();
          if (ready.test(log)) {
            clearTimeout(timer);
            resolve();
          }
        };
        proc.stdout?.on('data', onData);
        proc.stderr?.on('data', onData);
        proc.once('error', reject);
      }),
    stop: async () => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}

/** A redis-server on a spare port that keeps nothing on disk. */
export function redisBroker(): Promise<Broker> {
  return broker(
    'redis-server',
    (p) => ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    /Ready to accept connections/,
    'redis',
  );
}

/** A nats-server on a spare port. */
export function natsBroker(): Promise<Broker> {
  return broker(
    'nats-server',
    (p) => ['-a', '127.0.0.1', '-p', String(p)],
    /Server is ready/,
    'nats',
  );
}
