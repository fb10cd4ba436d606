// `pnpm device`: the CLI device. It posts its output to the app over HTTP and takes commands on its
// private channel. Ctrl-C (or SIGTERM) sends what is queued, tells the app it is going, and exits.
//
//   tsx src/device.ts [--app http://127.0.0.1:3000] [--token demo-token-press-1] [--every-ms 1000] [--stdin]
//
// With --stdin, every line read from stdin is a line of output (`some-tool | pnpm device --stdin`),
// and the end of stdin stops the device.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startDevice } from './device/device-runner';

const { values } = parseArgs({
  options: {
    app: { type: 'string', default: process.env.DEVICE_APP_URL ?? 'http://127.0.0.1:3000' },
    token: { type: 'string', default: process.env.DEVICE_TOKEN ?? 'demo-token-press-1' },
    'every-ms': { type: 'string', default: '1000' },
    'max-buffered': { type: 'string' },
    channel: { type: 'string' },
    stdin: { type: 'boolean', default: false },
  },
});

const everyMs = Number(values['every-ms']);
if (!Number.isFinite(everyMs) || everyMs < 0) {
  throw new TypeError(
    `--every-ms takes a number of milliseconds (0 for none), not ${values['every-ms']}`,
  );
}
const device = startDevice({
  appUrl: values.app,
  token: values.token,
  produceEveryMs: everyMs,
  ...(values['max-buffered'] === undefined
    ? {}
    : { outbox: { maxBufferedMessages: Number(values['max-buffered']) } }),
  ...(values.channel === undefined ? {} : { channelOverride: values.channel }),
  onTokenRefused: () => process.exit(2),
});

let isStopping = false;
function stop(): void {
  if (isStopping) return;
  isStopping = true;
  device
    .stop()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error('stopping:', error);
      process.exit(1);
    });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stop);

if (values.stdin) {
  // The end of stdin (the producing tool exited) ends the device, once its output is sent.
  createInterface({ input: process.stdin })
    .on('line', (line) => device.write(line))
    .on('close', stop);
}
