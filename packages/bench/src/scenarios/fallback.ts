// Fallback: sessions of pusher-js's HTTP transports (xhr_streaming, xhr_polling) on one channel,
// events at a fixed rate, next to the same run over WebSocket.
import { monotonicUs } from '../lib/bench-app';
import type { BenchTransport } from '../lib/bench-client';
import { connectSubscribed } from '../lib/connect';
import { stampedData } from '../lib/event-stamp';
import { atPace } from '../lib/pace';
import { CpuMeter } from '../lib/proc-stats';
import { createPublisher, type Publisher } from '../lib/publisher';
import type { RecordOptions } from '../lib/report';
import type { BenchContext, Scenario } from '../lib/scenario';
import { ServerProcess } from '../lib/server-process';
import { summarize } from '../lib/stats';
import { trackedRound } from '../lib/tracked-round';

const CHANNEL = 'bench';
/**
 * Events per second on the channel: 2,000 deliveries/s at 1,000 sessions. Every delivery to a
 * polling session that was waiting costs it a new request, so a higher rate saturates two cores
 * (server and loaders) with polls before it measures anything else.
 */
const EVENTS_PER_SECOND = 2;
const ROUND_SECONDS = 5;
const WARMUP_SECONDS = 2;
/** Sessions opening at once over all loaders (an HTTP session open is two requests). */
const CONCURRENCY = 50;
/** Each run's subscribers: `sessions` on each listed transport, together on one channel. */
const RUNS: readonly (readonly BenchTransport[])[] = [
  ['ws'],
  ['xhr_streaming'],
  ['xhr_polling'],
  ['xhr_streaming', 'xhr_polling'],
];

/** How often a publish the node refused with 503 is tried again, and after how long. */
const PUBLISH_RETRIES = 10;
const PUBLISH_RETRY_DELAY_MS = 100;

/**
 * Publishes, trying again after a 503: the node's admission control refuses publishes while its
 * event loop lags, which a shared 2-core machine under 1,000 polls per event can cause. The stamp
 * stays the first attempt's, so the wait counts in the delivery latency.
 */
async function publishRetrying(
  publisher: Publisher,
  data: string,
  refused: { count: number },
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await publisher.publish(CHANNEL, data);
      return;
    } catch (error) {
      if (attempt >= PUBLISH_RETRIES || (error as { status?: number }).status !== 503) throw error;
      refused.count++;
      await new Promise((resolve) => setTimeout(resolve, PUBLISH_RETRY_DELAY_MS));
    }
  }
}

async function runTransports(
  context: BenchContext,
  transports: readonly BenchTransport[],
  sessions: number,
  seconds: number,
): Promise<void> {
  const { report, loaders } = context;
  const server = await ServerProcess.start('herald', context);
  const publisher = createPublisher('herald', server.port);
  const refused = { count: 0 };
  const publishRound = (count: number) => () =>
    atPace(count, EVENTS_PER_SECOND, (index) =>
      publishRetrying(publisher, stampedData(index, monotonicUs()), refused),
    );
  try {
    const before = await server.memory();
    for (const transport of transports) {
      await connectSubscribed(loaders, server.port, sessions, {
        channel: CHANNEL,
        transport,
        concurrency: CONCURRENCY,
      });
    }
    const total = sessions * transports.length;
    const after = await server.memory();
    const warmupEvents = Math.ceil(EVENTS_PER_SECOND * WARMUP_SECONDS);
    await trackedRound(loaders, warmupEvents, publishRound(warmupEvents));

    const events = Math.ceil(EVENTS_PER_SECOND * seconds);
    refused.count = 0;
    const serverMeter = new CpuMeter(server.pid);
    const loaderMeter = new CpuMeter(loaders.pids);
    serverMeter.start();
    loaderMeter.start();
    const { deliveries } = await trackedRound(loaders, events, publishRound(events));
    const { cpuUs, wallMs } = serverMeter.stop();
    const loaderCpu = loaderMeter.stop();

    const record = (name: string, value: number, options?: RecordOptions): void =>
      report.record(
        'fallback',
        'herald',
        `${transports.join('+')}.${sessions}`,
        name,
        value,
        options,
      );
    const latency = summarize(deliveries.latenciesUs);
    const received = Math.max(1, deliveries.received);
    record('deliveries_per_s', deliveries.received / (wallMs / 1000));
    record('delivery_p50_ms', latency.p50 / 1000);
    record('delivery_p99_ms', latency.p99 / 1000);
    record('lost_deliveries', deliveries.expected - deliveries.received, { isCompared: false });
    record('cpu_us_per_delivery', cpuUs / received);
    record('rss_kb_per_session', (after.rssKb - before.rssKb) / total);
    record('heap_kb_per_session', (after.heapUsedKb - before.heapUsedKb) / total);
    record('publishes_refused_503', refused.count, { isCompared: false });
    record('loader_cpu_us_per_delivery', loaderCpu.cpuUs / received, { isCompared: false });
  } finally {
    publisher.close();
    await loaders.closeAll();
    await server.stop();
  }
}

/**
 * 1,000 sessions on one channel over each of ws, xhr_streaming and xhr_polling, then 1,000
 * streaming and 1,000 polling together; a fresh server for each run.
 */
export const fallback: Scenario = {
  name: 'fallback',
  description: `one channel, ${EVENTS_PER_SECOND} events/s published over HTTP, subscribers on ws, xhr_streaming, xhr_polling, then streaming and polling together (a fresh Herald each); deliveries/s, latency, server CPU per delivery, memory per session`,
  async run(context) {
    const sessions = context.isQuick ? 100 : 1000;
    const seconds = context.isQuick ? 3 : ROUND_SECONDS;
    context.report.note(
      `fallback: ${sessions} sessions per transport, ${seconds} s timed after ${WARMUP_SECONDS} s warm-up`,
    );
    for (const transports of RUNS) await runTransports(context, transports, sessions, seconds);
  },
};
