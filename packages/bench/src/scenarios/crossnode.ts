// Cross-node fan-out: an event published on node A reaches subscribers spread over three nodes,
// through Redis and through NATS, against the same subscribers on a single node.
import { randomBytes } from 'node:crypto';
import { monotonicUs } from '../lib/bench-app';
import { connectSubscribed } from '../lib/connect';
import { stampedData } from '../lib/event-stamp';
import { atPace } from '../lib/pace';
import { CpuMeter } from '../lib/proc-stats';
import { createPublisher } from '../lib/publisher';
import type { RecordOptions } from '../lib/report';
import type { BenchContext, Scenario } from '../lib/scenario';
import { ServerProcess } from '../lib/server-process';
import { summarize } from '../lib/stats';
import { trackedRound } from '../lib/tracked-round';

const CHANNEL = 'bench';
const EVENTS_PER_SECOND = 20;
type Mode = 'single' | 'redis' | 'nats';

async function runMode(
  context: BenchContext,
  mode: Mode,
  subscribers: number,
  seconds: number,
): Promise<void> {
  const { report, loaders } = context;
  const nodeCount = mode === 'single' ? 1 : 3;
  const prefix = `herald-bench-${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> =
    mode === 'single' ? {} : { BENCH_SCALING: mode, BENCH_SCALING_PREFIX: prefix };
  if (mode === 'redis' && process.env.REDIS_URL) env.BENCH_SCALING_URL = process.env.REDIS_URL;
  if (mode === 'nats' && process.env.NATS_URL) env.BENCH_SCALING_URL = process.env.NATS_URL;
  const nodes: ServerProcess[] = [];
  const publisher = { close: () => undefined } as { close(): void };
  try {
    for (let i = 0; i < nodeCount; i++)
      nodes.push(await ServerProcess.start('herald', { ...context, env }));
    // Heartbeats every 200 ms: a second lets every node hear the others before sockets arrive.
    if (nodeCount > 1) await new Promise((resolve) => setTimeout(resolve, 1000));
    let remaining = subscribers;
    for (let i = 0; i < nodeCount; i++) {
      const share = i === nodeCount - 1 ? remaining : Math.floor(subscribers / nodeCount);
      await connectSubscribed(loaders, nodes[i]!.port, share, { channel: CHANNEL });
      remaining -= share;
    }
    const api = createPublisher('herald', nodes[0]!.port);
    publisher.close = () => api.close();
    const round = (count: number) => () =>
      atPace(count, EVENTS_PER_SECOND, (index) =>
        api.publish(CHANNEL, stampedData(index, monotonicUs())),
      );
    await trackedRound(loaders, EVENTS_PER_SECOND, round(EVENTS_PER_SECOND));

    const events = Math.ceil(EVENTS_PER_SECOND * seconds);
    const meter = new CpuMeter(nodes.map((n) => n.pid));
    meter.start();
    const { deliveries, publishMs } = await trackedRound(loaders, events, round(events));
    const { cpuUs } = meter.stop();
    const caseName = `${mode}.${subscribers}`;
    const record = (name: string, value: number, options?: RecordOptions) =>
      report.record('crossnode', 'herald', caseName, name, value, options);
    const latency = summarize(deliveries.latenciesUs);
    const last = summarize(deliveries.lastUsByEvent);
    record('delivery_p50_ms', latency.p50 / 1000);
    record('delivery_p99_ms', latency.p99 / 1000);
    record('last_subscriber_p50_ms', last.p50 / 1000);
    record('last_subscriber_p99_ms', last.p99 / 1000);
    record('publish_response_p50_ms', summarize(publishMs).p50);
    record('lost_deliveries', deliveries.expected - deliveries.received, { isCompared: false });
    // Summed over every node: the bus costs CPU on the publisher and on each receiver.
    record('cpu_us_per_delivery_all_nodes', cpuUs / Math.max(1, deliveries.received));
  } finally {
    publisher.close();
    await loaders.closeAll();
    for (const node of nodes) await node.stop();
  }
}

/** 1,000 subscribers over three nodes on Redis and on NATS, against one node. */
export const crossnode: Scenario = {
  name: 'crossnode',
  description: `an event published on node A to subscribers spread over 3 nodes (Redis, NATS) vs 1 node; ${EVENTS_PER_SECOND} events/s`,
  async run(context) {
    const subscribers = context.isQuick ? 150 : 1000;
    const seconds = context.isQuick ? 1 : 4;
    for (const mode of ['single', 'redis', 'nats'] as const)
      await runMode(context, mode, subscribers, seconds);
  },
};
