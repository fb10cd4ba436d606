// `pnpm start`: the app (page, device API and Herald on one port) and one demo device, until Ctrl-C.
// DEVICES=0 starts no device; start one yourself with `pnpm device --token demo-token-press-2`.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startRelay } from './relay-server';

const relay = await startRelay({
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
});
console.log(`device relay: open ${relay.url}`);

let device: ChildProcess | undefined;
if (process.env.DEVICES !== '0') {
  // Its own process, as it would be on another machine (`node --import tsx`: one process, no wrapper).
  device = spawn(process.execPath, ['--import', 'tsx', 'src/device.ts', '--app', relay.url], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  console.log(
    `started device press-1 (pid ${String(device.pid)}); another: pnpm device --token demo-token-press-2 --app ${relay.url}`,
  );
}

let isStopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (isStopping) return;
    isStopping = true;
    // The device first: it sends what is queued and says goodbye while the app still answers.
    const deviceGone =
      device === undefined || device.exitCode !== null ? Promise.resolve() : once(device, 'exit');
    device?.kill('SIGTERM');
    Promise.race([deviceGone, new Promise((resolve) => setTimeout(resolve, 5000))])
      .then(() => relay.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error('closing:', error);
        process.exit(1);
      });
  });
}
