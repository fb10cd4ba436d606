// Presence: members joining one presence channel; every join is announced to every earlier member.
import { BENCH_APP } from '../lib/bench-app';
import { connectSubscribed } from '../lib/connect';
import { CpuMeter } from '../lib/proc-stats';
import type { BenchContext, Scenario } from '../lib/scenario';
import { ServerProcess } from '../lib/server-process';

const CHANNEL = 'presence-bench';
const CONCURRENCY = 20;
const MEMBER_ADDED_TIMEOUT_MS = 60_000;

async function runSize(
  context: BenchContext,
  target: 'herald' | 'bun',
  members: number,
): Promise<void> {
  const { report, loaders } = context;
  const server = await ServerProcess.start(target, context);
  try {
    const meter = new CpuMeter(server.pid);
    meter.start();
    await connectSubscribed(loaders, server.port, members, {
      channel: CHANNEL,
      presence: { appId: BENCH_APP.id, key: BENCH_APP.key, secret: BENCH_APP.secret },
      concurrency: CONCURRENCY,
    });
    const joinedMs = meter.stop().wallMs;
    // Each member hears of every later one: n(n-1)/2 member_added frames in all.
    const expected = (members * (members - 1)) / 2;
    const counters = await loaders.waitForCounters(
      (now) => now.memberAdded >= expected,
      MEMBER_ADDED_TIMEOUT_MS,
    );
    const { cpuUs, wallMs } = meter.stop();

    const caseName = String(members);
    report.record('presence', target, caseName, 'join_total_ms', joinedMs);
    report.record('presence', target, caseName, 'settled_total_ms', wallMs);
    report.record('presence', target, caseName, 'cpu_us_per_join', cpuUs / members);
    report.record('presence', target, caseName, 'member_added_received', counters.memberAdded);
    report.record('presence', target, caseName, 'member_added_expected', expected);
  } finally {
    await loaders.closeAll();
    await server.stop();
  }
}

/** 500 and 2,000 members joining one presence channel (Herald only: the ceiling has no presence). */
export const presence: Scenario = {
  name: 'presence',
  description: `members join one presence channel, ${CONCURRENCY} at a time, auth signed with the pusher SDK`,
  async run(context) {
    const sizes = context.isQuick ? [100, 300] : [500, 2000];
    for (const members of sizes)
      for (const target of ['herald', 'bun'] as const) await runSize(context, target, members);
  },
};
