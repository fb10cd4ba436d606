// HeraldProcess: the real `herald` CLI in a child process, for tests that SIGKILL a node.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
/** The built `herald` command of @herald/cli, resolved from this workspace. */
export const HERALD_CLI = join(
  dirname(require.resolve('@herald/cli/package.json')),
  'dist',
  'cli.js',
);

/** A running `herald start`, its output read line by line. */
export class HeraldProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly watchers: Array<{ pattern: RegExp; resolve: (m: RegExpMatchArray) => void }> =
    [];

  private constructor(readonly child: ChildProcess) {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => this.onLine(line));
    }
    this.exited = once(child, 'exit').then(([code]) => code as number | null);
  }

  /** Starts the CLI with a config file written from `config` and extra `args`; resolves once it listens. */
  static async start(
    config: object,
    args: string[] = [],
  ): Promise<{ process: HeraldProcess; port: number }> {
    const dir = mkdtempSync(join(tmpdir(), 'herald-process-'));
    const file = join(dir, 'herald.config.json');
    writeFileSync(file, JSON.stringify(config));
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(HERALD|REVERB)_/.test(name)),
    );
    const child = spawn(
      process.execPath,
      [HERALD_CLI, 'start', '--host', '127.0.0.1', '--port', '0', '--config', file, ...args],
      { env },
    );
    const herald = new HeraldProcess(child);
    void herald.exited.then(() => rmSync(dir, { recursive: true, force: true }));
    const match = await Promise.race([
      herald.line(/listening on .*:(\d+) /),
      herald.exited.then((code) => {
        throw new Error(`herald exited with ${String(code)}:\n${herald.lines.join('\n')}`);
      }),
    ]);
    return { process: herald, port: Number(match[1]) };
  }

  /** Resolves with the first line, past or future, matching `pattern`. */
  line(pattern: RegExp): Promise<RegExpMatchArray> {
    for (const line of this.lines) {
      const match = line.match(pattern);
      if (match) return Promise.resolve(match);
    }
    return new Promise((resolve) => this.watchers.push({ pattern, resolve }));
  }

  /** SIGKILL: no goodbye on the bus, no closing frames — a crash. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
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
