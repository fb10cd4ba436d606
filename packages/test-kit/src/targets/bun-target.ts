// The Bun adapter as a conformance target: each server is a real Bun process serving the JSON config.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningServer, ServerTarget, TargetConfig } from '../server-target';

const require = createRequire(import.meta.url);
const bunPackage = dirname(require.resolve('@herald/bun/package.json'));
/**
 * The Bun binary from the `bun` npm package installed for @herald/bun. Spawned directly, not
 * through pnpm's `.bin` shell shim, so a SIGTERM reaches Bun itself and it can drain.
 */
const BUN = join(
  dirname(createRequire(join(bunPackage, 'package.json')).resolve('bun/package.json')),
  'bin',
  'bun.exe',
);
const FIXTURE = join(bunPackage, 'test', 'fixture-server.ts');

/** Runs the suite against `createBunServer` under the real Bun runtime, over real sockets. */
export const bunTarget: ServerTarget = {
  name: 'bun',
  async start(config: TargetConfig): Promise<RunningServer> {
    const child = spawn(BUN, [FIXTURE], {
      env: { ...process.env, HERALD_TARGET_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    const port = await new Promise<number>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        const match = /^listening (\d+)$/.exec(line);
        if (match) resolve(Number(match[1]));
      });
      void exited.then(([code]) =>
        reject(new Error(`bun server exited with ${String(code)} before listening`)),
      );
    });
    return {
      host: '127.0.0.1',
      port,
      close: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      },
    };
  },
};
