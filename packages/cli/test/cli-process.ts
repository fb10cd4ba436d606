// The built `herald` CLI in a real child process, its output read line by line; shared by the CLI's tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** A running CLI process with its output read line by line. */
export class CliProcess {
  readonly lines: string[] = [];
  private readonly watchers: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => this.onLine(line));
    }
    // 'close', not 'exit': the last lines may still be in the pipes when the process has exited
    // (under `--runtime bun` they were written by the Bun child, which shares them).
    this.exited = once(child, 'close').then(([code]) => code as number | null);
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

/** Starts the CLI with only the given HERALD_* / REVERB_* variables (the parent's are dropped). */
export function spawnHerald(args: string[], env: Record<string, string> = {}): CliProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(HERALD|REVERB)_/.test(name)),
  );
  return new CliProcess(spawn(process.execPath, [CLI, ...args], { env: { ...inherited, ...env } }));
}

/** A port that was free a moment ago (the CLI must be given a fixed port in the Reverb test). */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
