// HTTP publish cost: server CPU per published event when the fan-out is small (10 subscribers).
import { monotonicUs } from '../lib/bench-app';
import { connectSubscribed } from '../lib/connect';
import { stampedData } from '../lib/event-stamp';
import { withConcurrency } from '../lib/pace';
import { CpuMeter } from '../lib/proc-stats';
import { createPublisher } from '../lib/publisher';
import type { Target } from '../lib/report';
import type { BenchContext, Scenario } from '../lib/scenario';
import { ServerProcess } from '../lib/server-process';
import { summarize } from '../lib/stats';
import { trackedRound } from '../lib/tracked-round';

const CHANNEL = 'publish-bench';
const SUBSCRIBERS = 10;
/** Requests in flight at once: enough to keep the server busy, few enough to stay sequential-ish. */
const CONCURRENCY = 4;
const WARMUP_EVENTS = 200;

/** Herald only: the same publishes on a resumable channel (issue 15), each numbered and kept. */
const RESUMABLE_CASE = `${SUBSCRIBERS} resumable`;

async function runTarget(
  context: BenchContext,
  target: Target,
  events: number,
  isResumable = false,
): Promise<void> {
  const { report, loaders } = context;
  const server = await ServerProcess.start(
    target,
    isResumable ? { ...context, env: { BENCH_RECOVERY_PREFIX: CHANNEL } } : context,
  );
  const publisher = createPublisher(target, server.port);
  const publishAll = (count: number) => () =>
    withConcurrency(count, CONCURRENCY, (index) =>
      publisher.publish(CHANNEL, stampedData(index, monotonicUs())),
    );
  try {
    await connectSubscribed(loaders, server.port, SUBSCRIBERS, { channel: CHANNEL });
    await trackedRound(loaders, WARMUP_EVENTS, publishAll(WARMUP_EVENTS));

    const meter = new CpuMeter(server.pid);
    meter.start();
    const { deliveries, publishMs } = await trackedRound(loaders, events, publishAll(events));
    const { cpuUs, wallMs } = meter.stop();

    const caseName = isResumable ? RESUMABLE_CASE : String(SUBSCRIBERS);
    const response = summarize(publishMs);
    report.record('publish', target, caseName, 'cpu_us_per_event', cpuUs / events);
    report.record('publish', target, caseName, 'events_per_s', events / (wallMs / 1000));
    report.record('publish', target, caseName, 'response_p50_ms', response.p50);
    report.record('publish', target, caseName, 'response_p99_ms', response.p99);
    report.record(
      'publish',
      target,
      caseName,
      'lost_deliveries',
      deliveries.expected - deliveries.received,
      {
        isCompared: false,
      },
    );
  } finally {
    publisher.close();
    await loaders.closeAll();
    await server.stop();
  }
}

/** Many publishes to a 10-subscriber channel: what one HTTP API publish costs the server. */
export const publishCost: Scenario = {
  name: 'publish',
  description: `server CPU per HTTP publish with ${SUBSCRIBERS} subscribers, ${CONCURRENCY} requests in flight`,
  async run(context) {
    const events = context.isQuick ? 300 : 2000;
    context.report.note(
      `publish: ${events} events (after ${WARMUP_EVENTS} warm-up); the ceiling takes an unsigned POST, Herald a signed Pusher API call`,
    );
    for (const target of ['herald', 'ceiling'] as const) await runTarget(context, target, events);
    context.report.printRatios('publish', String(SUBSCRIBERS));
    await runTarget(context, 'herald', events, true);
  },
};
