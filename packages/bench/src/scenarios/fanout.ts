// Fan-out: one channel with many subscribers, events published through the HTTP API at a fixed pace.
import { monotonicUs } from '../lib/bench-app';
import { connectSubscribed } from '../lib/connect';
import { stampedData } from '../lib/event-stamp';
import { atPace } from '../lib/pace';
import { CpuMeter } from '../lib/proc-stats';
import { createPublisher } from '../lib/publisher';
import type { Target } from '../lib/report';
import type { BenchContext, Scenario } from '../lib/scenario';
import { ServerProcess } from '../lib/server-process';
import { summarize } from '../lib/stats';
import { trackedRound } from '../lib/tracked-round';

const CHANNEL = 'bench';
const EVENTS_PER_SECOND = 20;
const WARMUP_EVENTS = 10;

async function runTarget(
  context: BenchContext,
  target: Target,
  sizes: readonly number[],
  events: number,
): Promise<void> {
  const { report, loaders } = context;
  const server = await ServerProcess.start(target, context);
  const publisher = createPublisher(target, server.port);
  const publishRound = (count: number) => () =>
    atPace(count, EVENTS_PER_SECOND, (index) =>
      publisher.publish(CHANNEL, stampedData(index, monotonicUs())),
    );
  try {
    let subscribers = 0;
    for (const size of sizes) {
      await connectSubscribed(loaders, server.port, size - subscribers, { channel: CHANNEL });
      subscribers = size;
      await trackedRound(loaders, WARMUP_EVENTS, publishRound(WARMUP_EVENTS));

      const meter = new CpuMeter(server.pid);
      meter.start();
      const { deliveries, publishMs } = await trackedRound(loaders, events, publishRound(events));
      const { cpuUs } = meter.stop();

      const caseName = String(size);
      const latency = summarize(deliveries.latenciesUs);
      const last = summarize(deliveries.lastUsByEvent);
      const publish = summarize(publishMs);
      report.record('fanout', target, caseName, 'delivery_p50_ms', latency.p50 / 1000);
      report.record('fanout', target, caseName, 'delivery_p99_ms', latency.p99 / 1000);
      report.record('fanout', target, caseName, 'last_subscriber_p50_ms', last.p50 / 1000);
      report.record('fanout', target, caseName, 'last_subscriber_p99_ms', last.p99 / 1000);
      report.record('fanout', target, caseName, 'publish_response_p50_ms', publish.p50);
      report.record('fanout', target, caseName, 'publish_response_p99_ms', publish.p99);
      report.record(
        'fanout',
        target,
        caseName,
        'lost_deliveries',
        deliveries.expected - deliveries.received,
        {
          isCompared: false,
        },
      );
      report.record(
        'fanout',
        target,
        caseName,
        'cpu_us_per_delivery',
        cpuUs / Math.max(1, deliveries.received),
      );
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
  description: `one channel, ${EVENTS_PER_SECOND} events/s published over HTTP; latency from the publish call to each socket`,
  async run(context) {
    const sizes = context.isQuick ? [100, 500] : [1000, 5000];
    const events = context.isQuick ? 20 : 80;
    context.report.note(
      `fanout: ${events} timed events per size (after ${WARMUP_EVENTS} warm-up), sizes ${sizes.join(', ')}`,
    );
    for (const target of ['herald', 'ceiling'] as const)
      await runTarget(context, target, sizes, events);
    for (const size of sizes) context.report.printRatios('fanout', String(size));
  },
};
