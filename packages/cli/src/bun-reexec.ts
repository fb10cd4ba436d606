// `herald start --runtime bun` from Node: run this same CLI, with the same arguments and
// environment, under the Bun binary, which then serves with bunRuntime.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ConfigError } from './config';

/** Set on the Bun child to the pid of the Node process that started it. */
const PARENT_PID_VARIABLE = 'HERALD_BUN_PARENT_PID';

/**
 * A second signal this soon after the first, in a Bun child, is the same signal arriving twice
 * (directly and forwarded), not a request to stop without draining.
 */
export const DUPLICATE_SIGNAL_WINDOW_MS = 500;

/** Whether this process is the Bun child that {@link reexecUnderBun} started. */
export function isBunChild(env: Readonly<Record<string, string | undefined>>): boolean {
  return isUnderBun() && env[PARENT_PID_VARIABLE] !== undefined;
}

/** Whether this process is Bun (then `--runtime bun` is served here). */
export function isUnderBun(): boolean {
  return process.versions.bun !== undefined;
}

/**
 * Runs the CLI again under Bun, with `env` as its environment, until it exits; resolves with its
 * exit code. The Bun process
 * resolves the settings itself (so a development app is announced once, by it) and handles
 * SIGTERM / SIGINT itself; this process only forwards them, so supervisors see one `herald`.
 */
export function reexecUnderBun(env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const require = createRequire(import.meta.url);
  try {
    require.resolve('@herald/bun/package.json');
  } catch {
    throw new ConfigError(
      '--runtime bun needs the package "@herald/bun": install it next to @herald/cli (npm install @herald/bun bun)',
    );
  }
  const binary = bunBinary(require);
  const child = spawn(binary, process.argv.slice(1), {
    // The IPC channel carries no messages: it closes the moment this process dies, however it dies.
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
    env: { ...env, [PARENT_PID_VARIABLE]: String(process.pid) },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGTERM', forward);
  process.on('SIGINT', forward);
  return new Promise((resolve, reject) => {
    child.once('error', (error) =>
      reject(new ConfigError(`cannot run Bun (${binary}): ${error.message}`)),
    );
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * In a Bun child started by {@link reexecUnderBun}: exits with 1 as soon as the Node parent is
 * gone. A killed parent (SIGKILL, OOM) cannot forward anything, and a Bun server left running
 * would keep the port and the bus membership of a `herald` its supervisor believes dead.
 */
export function exitWithParent(env: Readonly<Record<string, string | undefined>>): void {
  if (!isBunChild(env) || process.channel === undefined) return;
  process.once('disconnect', () => process.exit(EXIT_PARENT_GONE));
  // The channel must not keep the process alive once the server has stopped.
  process.channel.unref();
}

/** Exit code of a Bun child whose Node parent died. */
const EXIT_PARENT_GONE = 1;

// The `bun` npm package ships the binary (next to @herald/bun, or to the CLI); else `bun` on PATH.
function bunBinary(require: NodeJS.Require): string {
  const lookups = [
    () => createRequire(require.resolve('@herald/bun/package.json')).resolve('bun/package.json'),
    () => require.resolve('bun/package.json'),
  ];
  for (const lookup of lookups) {
    try {
      return join(dirname(lookup()), 'bin', 'bun.exe');
    } catch {
      // not installed there; try the next place
    }
  }
  return 'bun';
}
