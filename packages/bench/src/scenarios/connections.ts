// Connections: many sockets, each subscribed to its own channel; connect rate and memory per socket.
import { connectSubscribed } from '../lib/connect';
import { CpuMeter } from '../lib/proc-stats';
import type { Target } from '../lib/report';
import type { BenchContext, Scenario } from '../lib/scenario';
import { ServerProcess } from '../lib/server-process';

const CHANNEL_PREFIX = 'conn';
const CONCURRENCY = 200;
/** Sockets opened and dropped before measuring, so JIT and first-use allocations are not counted. */
const WARMUP_SOCKETS = 500;

async function runTarget(context: BenchContext, target: Target, count: number): Promise<void> {
  const { report, loaders } = context;
  const server = await ServerProcess.start(target, context);
  try {
    await connectSubscribed(loaders, server.port, WARMUP_SOCKETS, {
      channel: 'warmup',
      channelSpread: WARMUP_SOCKETS,
      concurrency: CONCURRENCY,
    });
    await loaders.closeAll();
    // Let the server see every warm-up close before the baseline.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await server.memory();

    const meter = new CpuMeter(server.pid);
    meter.start();
    const { opened } = await connectSubscribed(loaders, server.port, count, {
      channel: CHANNEL_PREFIX,
      channelSpread: count,
      concurrency: CONCURRENCY,
    });
    const { cpuUs, wallMs } = meter.stop();
    const after = await server.memory();
    const counters = await loaders.counters();

    const caseName = String(count);
    report.record('connections', target, caseName, 'connect_per_s', opened / (wallMs / 1000));
    report.record('connections', target, caseName, 'cpu_us_per_connection', cpuUs / opened);
    report.record(
      'connections',
      target,
      caseName,
      'rss_kb_per_connection',
      (after.rssKb - before.rssKb) / opened,
    );
    report.record(
      'connections',
      target,
      caseName,
      'heap_kb_per_connection',
      (after.heapUsedKb - before.heapUsedKb) / opened,
    );
    report.record(
      'connections',
      target,
      caseName,
      'open_after_connect',
      counters.sockets - counters.unexpectedCloses,
      {
        isCompared: false,
      },
    );
  } finally {
    await loaders.closeAll();
    await server.stop();
  }
}

/** 10,000 subscribed sockets on Herald and on the raw-ws ceiling. */
export const connections: Scenario = {
  name: 'connections',
  description: `sockets each subscribed to its own channel, ${CONCURRENCY} connecting at once; memory from /proc VmRSS and the server's heapUsed, both after a forced GC`,
  async run(context) {
    const count = context.isQuick ? 1000 : 10_000;
    for (const target of ['herald', 'bun', 'ceiling'] as const)
      await runTarget(context, target, count);
    context.report.printRatios('connections', String(count));
  },
};
