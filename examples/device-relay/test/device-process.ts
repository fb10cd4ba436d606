// The CLI device as a real child process (`node --import tsx src/device.ts`, one process, so a kill
// reaches the device itself), with its stdout and stderr lines kept for the test to wait on.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A running device process. */
export interface DeviceProcess {
  readonly lines: readonly string[];
  /** Resolves with the first line (stdout or stderr) matching `pattern`, past or future. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Writes `text` to the device's stdin (for `--stdin`). */
  input(text: string): void;
  /** Writes `text` to the device's stdin and closes it. */
  endInput(text: string): void;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** SIGTERM (the device sends what it holds and says goodbye) or SIGKILL (it just dies). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/** Starts `src/device.ts` with these flags. */
export function startDeviceProcess(args: string[]): DeviceProcess {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/device.ts', ...args],
    {
      cwd: EXAMPLE_DIR,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  const exited = once(child, 'exit');
  for (const [stream, tag] of [
    [child.stdout!, 'out'],
    [child.stderr!, 'err'],
  ] as const) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(`${tag}: ${line}`);
      for (const waiter of waiters) {
        if (waiter.pattern.test(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    });
  }
  return {
    lines,
    input: (text) => void child.stdin!.write(text),
    endInput: (text) => child.stdin!.end(text),
    exited: exited.then(([code]) => code as number | null),
    waitForLine(pattern, timeoutMs = 15_000) {
      const seen = lines.find((line) => pattern.test(line.slice(5)));
      if (seen !== undefined) return Promise.resolve(seen.slice(5));
      return new Promise((resolve, reject) => {
        const waiter = {
          pattern,
          resolve: (line: string) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        waiters.add(waiter);
        const timer = setTimeout(() => {
          if (!waiters.delete(waiter)) return;
          reject(
            new Error(`the device printed no ${String(pattern)}; it printed:\n${lines.join('\n')}`),
          );
        }, timeoutMs);
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
