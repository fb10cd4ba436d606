// Fan-out: one channel with many subscribers, events published through the HTTP API at a fixed pace.
import { monotonicUs } from '../lib/bench-app';
import { connectSubscribed } from '../lib/connect';
import { stampedData } from '../lib/event-stamp';
import { atPace } from '../lib/pace';
import { CpuMeter } from '../lib/proc-stats';
import { createPublisher } from '../lib/publisher';
import type { RecordOptions, Target } from '../lib/report';
import type { BenchContext, Scenario } from '../lib/scenario';
import { ServerProcess } from '../lib/server-process';
import { summarize } from '../lib/stats';
import { trackedRound } from '../lib/tracked-round';

const CHANNEL = 'bench';
/** Publish pace for small channels, as an app would publish. */
const MAX_EVENTS_PER_SECOND = 20;
/**
 * Deliveries per second the pace is capped at, so the loaders (which parse every frame on the same
 * two cores) keep up and latency measures the server rather than a client backlog.
 */
const DELIVERIES_PER_SECOND = 20_000;
/** Timed seconds per size. */
const ROUND_SECONDS = 4;
const WARMUP_SECONDS = 1;

/** Events per second for a channel of `size` subscribers. */
function paceFor(size: number): number {
  return Math.min(MAX_EVENTS_PER_SECOND, DELIVERIES_PER_SECOND / size);
}

async function runTarget(
  context: BenchContext,
  target: Target,
  sizes: readonly number[],
  seconds: number,
): Promise<void> {
  const { report, loaders } = context;
  const server = await ServerProcess.start(target, context);
  const publisher = createPublisher(target, server.port);
  const publishRound = (count: number, perSecond: number) => () =>
    atPace(count, perSecond, (index) =>
      publisher.publish(CHANNEL, stampedData(index, monotonicUs())),
    );
  try {
    let subscribers = 0;
    for (const size of sizes) {
      await connectSubscribed(loaders, server.port, size - subscribers, { channel: CHANNEL });
      subscribers = size;
      const pace = paceFor(size);
      const warmupEvents = Math.ceil(pace * WARMUP_SECONDS);
      await trackedRound(loaders, warmupEvents, publishRound(warmupEvents, pace));

      const events = Math.ceil(pace * seconds);
      const serverMeter = new CpuMeter(server.pid);
      const loaderMeter = new CpuMeter(loaders.pids);
      serverMeter.start();
      loaderMeter.start();
      const { deliveries, publishMs } = await trackedRound(
        loaders,
        events,
        publishRound(events, pace),
      );
      const { cpuUs } = serverMeter.stop();
      const loaderCpu = loaderMeter.stop();

      const record = (name: string, value: number, options?: RecordOptions): void =>
        report.record('fanout', target, String(size), name, value, options);
      const latency = summarize(deliveries.latenciesUs);
      const last = summarize(deliveries.lastUsByEvent);
      const publish = summarize(publishMs);
      const received = Math.max(1, deliveries.received);
      record('events_per_s', pace, { isCompared: false });
      record('delivery_p50_ms', latency.p50 / 1000);
      record('delivery_p99_ms', latency.p99 / 1000);
      record('last_subscriber_p50_ms', last.p50 / 1000);
      record('last_subscriber_p99_ms', last.p99 / 1000);
      record('publish_response_p50_ms', publish.p50);
      record('publish_response_p99_ms', publish.p99);
      record('lost_deliveries', deliveries.expected - deliveries.received, { isCompared: false });
      record('cpu_us_per_delivery', cpuUs / received);
      // The loaders parse every frame; if they are near a core each, latency is theirs, not the server's.
      record('loader_cpu_us_per_delivery', loaderCpu.cpuUs / received, { isCompared: false });
    }
  } finally {
    publisher.close();
    await loaders.closeAll();
    await server.stop();
  }
}

/** Fan-out to 1,000 and 5,000 subscribers of one channel, on Herald and on the raw-ws ceiling. */
export const fanout: Scenario = {
  name: 'fanout',
  description: `one channel, events published over HTTP at min(${MAX_EVENTS_PER_SECOND}/s, ${DELIVERIES_PER_SECOND} deliveries/s); latency from the publish call to each socket`,
  async run(context) {
    const sizes = context.isQuick ? [100, 500] : [1000, 5000];
    const seconds = context.isQuick ? 1 : ROUND_SECONDS;
    context.report.note(
      `fanout: ${seconds} s timed per size after ${WARMUP_SECONDS} s warm-up, sizes ${sizes.join(', ')}`,
    );
    for (const target of ['herald', 'bun', 'ceiling'] as const)
      await runTarget(context, target, sizes, seconds);
    for (const size of sizes) context.report.printRatios('fanout', String(size));
  },
};
