// Webhooks: channel_occupied for each of N channels as sockets subscribe, channel_vacated as they close.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { BENCH_APP } from '../lib/bench-app';
import { connectSubscribed } from '../lib/connect';
import { CpuMeter } from '../lib/proc-stats';
import type { BenchContext, Scenario } from '../lib/scenario';
import { ServerProcess } from '../lib/server-process';

/** A local receiver that checks each signature and counts events by name. */
async function startReceiver() {
  const counts = new Map<string, number>();
  let requests = 0;
  let badSignatures = 0;
  let lastAtMs = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const expected = createHmac('sha256', BENCH_APP.secret).update(body).digest('hex');
      if (req.headers['x-pusher-signature'] !== expected) badSignatures++;
      requests++;
      for (const event of (JSON.parse(body) as { events: { name: string }[] }).events)
        counts.set(event.name, (counts.get(event.name) ?? 0) + 1);
      lastAtMs = performance.now();
      res.writeHead(200).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    count: (name: string) => counts.get(name) ?? 0,
    get requests() {
      return requests;
    },
    get badSignatures() {
      return badSignatures;
    },
    get lastAtMs() {
      return lastAtMs;
    },
    close: () => server.close(),
  };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

async function run(context: BenchContext, channels: number): Promise<void> {
  const { report, loaders } = context;
  const receiver = await startReceiver();
  const server = await ServerProcess.start('herald', {
    ...context,
    env: { BENCH_WEBHOOK_URL: receiver.url },
  });
  try {
    const meter = new CpuMeter(server.pid);
    meter.start();
    const startMs = performance.now();
    await connectSubscribed(loaders, server.port, channels, {
      channel: 'hook',
      channelSpread: channels,
    });
    await until(() => receiver.count('channel_occupied') >= channels, 30_000);
    const occupiedMs = receiver.lastAtMs - startMs;
    const requestsForOccupied = receiver.requests;
    const closeMs = performance.now();
    await loaders.closeAll();
    await until(() => receiver.count('channel_vacated') >= channels, 30_000);
    const vacatedMs = receiver.lastAtMs - closeMs;
    const { cpuUs } = meter.stop();
    const events = receiver.count('channel_occupied') + receiver.count('channel_vacated');
    const caseName = String(channels);
    report.record('webhooks', 'herald', caseName, 'occupied_all_ms', occupiedMs, {
      isCompared: false,
    });
    report.record('webhooks', 'herald', caseName, 'vacated_all_ms', vacatedMs, {
      isCompared: false,
    });
    report.record(
      'webhooks',
      'herald',
      caseName,
      'events_per_request',
      events / receiver.requests,
      { isCompared: false },
    );
    report.record('webhooks', 'herald', caseName, 'occupied_requests', requestsForOccupied, {
      isCompared: false,
    });
    report.record(
      'webhooks',
      'herald',
      caseName,
      'cpu_us_per_socket_incl_hooks',
      cpuUs / channels,
      { isCompared: false },
    );
    report.record('webhooks', 'herald', caseName, 'lost_webhook_events', 2 * channels - events, {
      isCompared: false,
    });
    report.record('webhooks', 'herald', caseName, 'bad_signatures', receiver.badSignatures, {
      isCompared: false,
    });
  } finally {
    await loaders.closeAll();
    await server.stop();
    receiver.close();
  }
}

/** N sockets on N channels: N occupied and N vacated webhooks, batched, signed, to a local receiver. */
export const webhooks: Scenario = {
  name: 'webhooks',
  description:
    'channel_occupied / channel_vacated webhooks for N channels (one socket each) to a local receiver',
  async run(context) {
    for (const channels of context.isQuick ? [500] : [1000, 5000]) await run(context, channels);
  },
};
