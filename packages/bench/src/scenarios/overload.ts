// Overload: publishes offered at 3× what the node delivers, to see admission control from outside.
import { execFile } from 'node:child_process';
import { Agent } from 'node:http';
import Pusher from 'pusher';
import WebSocket from 'ws';
import { BENCH_APP, BENCH_EVENT, BENCH_HOST, monotonicUs, socketUrl } from '../lib/bench-app';
import { connectSubscribed } from '../lib/connect';
import { readStamp, stampedData } from '../lib/event-stamp';
import { CpuMeter, residentKb } from '../lib/proc-stats';
import type { BenchContext, Scenario } from '../lib/scenario';
import { ServerProcess } from '../lib/server-process';
import { summarize } from '../lib/stats';

const CHANNEL = 'overload-bench';
/** Long enough for a steady rate, short enough that a closed loop cannot build a deep backlog. */
const CAPACITY_PROBE_MS = 5_000;
const CAPACITY_CONCURRENCY = 8;
const OFFER_FACTOR = 3;
/** A publish still unanswered after this counts as timed out (the issue saw answers after 106 s). */
const PUBLISH_TIMEOUT_MS = 10_000;
const UP_PROBE_INTERVAL_MS = 200;
const RSS_SAMPLE_INTERVAL_MS = 5_000;
/** The backlog must be gone by then, or the scenario reports that it was not. */
const DRAIN_TIMEOUT_MS = 60_000;
/** Client-side cap on requests in flight, far above what an answering server needs. */
const MAX_SOCKETS = 512;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How one publish ended. */
type Outcome = 'accepted' | 'refused' | 'other';

/**
 * One extra subscriber in this process that notes when each stamped event arrives; it sits at
 * the end of the channel's fan-out like any other socket, so it sees the backlog drain.
 */
class Observer {
  received = 0;
  highestIndex = -1;
  /** Indices of every stamped event that arrived. */
  readonly indices = new Set<number>();
  private readonly waiters = new Map<number, () => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const stamp = readStamp(data.toString());
      if (stamp === undefined) return;
      this.received++;
      this.indices.add(stamp.index);
      this.highestIndex = Math.max(this.highestIndex, stamp.index);
      this.waiters.get(stamp.index)?.();
      this.waiters.delete(stamp.index);
    });
  }

  static async open(port: number): Promise<Observer> {
    const socket = new WebSocket(socketUrl(port));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.on('message', (data: Buffer) => {
        const text = data.toString();
        if (text.includes('pusher:connection_established')) {
          socket.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: CHANNEL } }));
        } else if (text.includes('pusher_internal:subscription_succeeded')) {
          resolve();
        }
      });
    });
    return new Observer(socket);
  }

  /** Resolves when event `index` has arrived (events of one channel arrive in order). */
  arrival(index: number): Promise<void> {
    if (this.highestIndex >= index) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(index, resolve));
  }

  close(): void {
    this.socket.terminate();
  }
}

/** Publishes through the real `pusher` SDK and sorts each answer into accepted / refused / other. */
/** The first failure other than a 503, for the report. */
let firstError: string | undefined;

function createPublisher(port: number): {
  publish(index: number): Promise<Outcome>;
  close(): void;
} {
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const pusher = new Pusher({
    appId: BENCH_APP.id,
    key: BENCH_APP.key,
    secret: BENCH_APP.secret,
    host: BENCH_HOST,
    port: String(port),
    useTLS: false,
    agent,
    timeout: PUBLISH_TIMEOUT_MS,
  });
  return {
    async publish(index) {
      try {
        const response = await pusher.trigger(
          CHANNEL,
          BENCH_EVENT,
          stampedData(index, monotonicUs()),
        );
        await response.text();
        return 'accepted';
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status === 503) return 'refused';
        firstError ??= `${status ?? ''} ${error instanceof Error ? error.message : String(error)}`;
        return 'other';
      }
    },
    close: () => agent.destroy(),
  };
}

/**
 * Milliseconds `GET /up` takes on a fresh connection, as a load balancer's probe would see it, or
 * NaN if it fails. curl times it in its own process: this one is busy publishing, and its event
 * loop delays would count against the server.
 */
function upLatencyMs(port: number): Promise<number> {
  return new Promise((resolve) => {
    execFile(
      'curl',
      [
        '-s',
        '-o',
        '/dev/null',
        '-w',
        '%{http_code} %{time_total}',
        '--max-time',
        '10',
        `http://${BENCH_HOST}:${port}/up`,
      ],
      (error, stdout) => {
        const [status, seconds] = stdout.trim().split(' ');
        resolve(error === null && status === '200' ? Number(seconds) * 1000 : Number.NaN);
      },
    );
  });
}

async function runOverload(context: BenchContext): Promise<void> {
  const { report, loaders } = context;
  const subscribers = context.isQuick ? 100 : 300;
  const offerMs = context.isQuick ? 10_000 : 30_000;
  const server = await ServerProcess.start('herald', context);
  const publisher = createPublisher(server.port);
  let observer: Observer | undefined;
  let index = 0;
  try {
    await connectSubscribed(loaders, server.port, subscribers, { channel: CHANNEL });
    observer = await Observer.open(server.port);
    const fanout = subscribers + 1;

    // Capacity: a closed loop keeps the node busy; the rate is events accepted over the time until
    // the last of them reached a subscriber (refused ones, if admission kicked in, do not count).
    const probeStart = performance.now();
    let probeAccepted = 0;
    const probeOutcomes: Record<Outcome, number> = { accepted: 0, refused: 0, other: 0 };
    let lastAccepted = -1;
    await Promise.all(
      Array.from({ length: CAPACITY_CONCURRENCY }, async () => {
        while (performance.now() - probeStart < CAPACITY_PROBE_MS) {
          const probeIndex = index++;
          const outcome = await publisher.publish(probeIndex);
          probeOutcomes[outcome]++;
          if (outcome !== 'accepted') continue;
          probeAccepted++;
          lastAccepted = Math.max(lastAccepted, probeIndex);
        }
      }),
    );
    await Promise.race([observer.arrival(lastAccepted), sleep(DRAIN_TIMEOUT_MS)]);
    const capacity = probeAccepted / ((performance.now() - probeStart) / 1000);
    const lastProbe = index - 1;
    const offered = capacity * OFFER_FACTOR;
    report.note(
      `overload: capacity probe (${CAPACITY_CONCURRENCY} publishes in flight, ${CAPACITY_PROBE_MS / 1000} s): ${probeOutcomes.accepted} accepted, ${probeOutcomes.refused} refused, ${probeOutcomes.other} failed`,
    );
    report.note(
      `overload: capacity ≈ ${capacity.toFixed(0)} events/s × ${fanout} sockets = ${((capacity * fanout) / 1000).toFixed(0)}k deliveries/s; offering ${offered.toFixed(0)} events/s for ${offerMs / 1000} s`,
    );

    const offerStart = performance.now();
    // Busy (near 100 %) or starved by the rest of the machine (well below)?
    const cpu = new CpuMeter(server.pid);
    cpu.start();
    const rssMb: string[] = [`0s:${(residentKb(server.pid) / 1024).toFixed(0)}`];
    const rssTimer = setInterval(() => {
      const seconds = ((performance.now() - offerStart) / 1000).toFixed(0);
      rssMb.push(`${seconds}s:${(residentKb(server.pid) / 1024).toFixed(0)}`);
    }, RSS_SAMPLE_INTERVAL_MS);
    const upMs: number[] = [];
    let upFailures = 0;
    let isProbing = true;
    const upProbe = (async () => {
      while (isProbing) {
        const ms = await upLatencyMs(server.port);
        if (Number.isNaN(ms)) upFailures++;
        else upMs.push(ms);
        await sleep(UP_PROBE_INTERVAL_MS);
      }
    })();

    // Open loop: publishes start on schedule whether or not earlier ones were answered.
    const counts: Record<Outcome, number> = { accepted: 0, refused: 0, other: 0 };
    const acceptedMs: number[] = [];
    /** Offered events the client saw refused or gave up on. */
    const notAccepted: number[] = [];
    const refusedMs: number[] = [];
    const running: Promise<void>[] = [];
    const intervalMs = 1000 / offered;
    for (let sent = 0; performance.now() - offerStart < offerMs; sent++) {
      const waitMs = offerStart + sent * intervalMs - performance.now();
      if (waitMs > 0) await sleep(waitMs);
      // Behind schedule, still let answers in now and then, or the loop would starve its own client.
      else if (sent % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      const startMs = performance.now();
      const offerIndex = index++;
      running.push(
        publisher.publish(offerIndex).then((outcome) => {
          counts[outcome]++;
          if (outcome !== 'accepted') notAccepted.push(offerIndex);
          if (outcome === 'accepted') acceptedMs.push(performance.now() - startMs);
          if (outcome === 'refused') refusedMs.push(performance.now() - startMs);
        }),
      );
    }
    const offerEnd = performance.now();
    const offerCpu = cpu.stop();
    const lastOffered = index - 1;
    const offeredCount = lastOffered - (lastProbe + 1) + 1;
    await Promise.all(running);

    // Drain: a marker published after the offer stops (retried while refused) reaches the observer
    // only after everything queued before it on the channel.
    let marker = -1;
    while (performance.now() - offerEnd < DRAIN_TIMEOUT_MS) {
      marker = index++;
      const arrival = observer.arrival(marker);
      if ((await publisher.publish(marker)) === 'accepted') {
        await Promise.race([arrival, sleep(DRAIN_TIMEOUT_MS)]);
        break;
      }
      await sleep(1000);
    }
    const drainMs = performance.now() - offerEnd;
    isProbing = false;
    await upProbe;
    clearInterval(rssTimer);
    rssMb.push(`drained:${(residentKb(server.pid) / 1024).toFixed(0)}`);

    const accepted = summarize(acceptedMs);
    const refused = summarize(refusedMs);
    const up = summarize(upMs);
    const record = (metric: string, value: number): void =>
      report.record('overload', 'herald', String(subscribers), metric, value, {
        isCompared: false,
      });
    record('capacity_events_per_s', capacity);
    record('offered_events', offeredCount);
    record('accepted', counts.accepted);
    record('refused_503', counts.refused);
    record('other_errors_or_timeouts', counts.other);
    record('accepted_p50_ms', accepted.p50);
    record('accepted_p99_ms', accepted.p99);
    record('accepted_max_ms', accepted.max);
    record('refused_p50_ms', refused.p50);
    record('refused_p99_ms', refused.p99);
    record('up_p50_ms', up.p50);
    record('up_p99_ms', up.p99);
    record('up_max_ms', up.max);
    record('up_failures', upFailures);
    record('backlog_drain_ms', drainMs);
    // Publishes the client gave up on (timeouts) that the server queued and delivered anyway.
    const seen = observer.indices;
    record(
      'delivered_after_client_gave_up',
      notAccepted.filter((offerIndex) => seen.has(offerIndex)).length,
    );
    record('server_cpu_percent_during_offer', (offerCpu.cpuUs / 1000 / offerCpu.wallMs) * 100);
    record('observer_events_received', observer.received);
    report.note(`overload: server RSS MB over time ${rssMb.join(' ')}`);
    if (firstError !== undefined)
      report.note(`overload: first failure other than 503: ${firstError}`);
  } finally {
    observer?.close();
    publisher.close();
    await loaders.closeAll();
    await server.stop();
  }
}

/** Publishes offered at 3× capacity: accepted vs refused, latencies, /up, RSS, backlog drain. */
export const overload: Scenario = {
  name: 'overload',
  description: `publishes offered at ${OFFER_FACTOR}× the node's measured delivery capacity; admission control, /up latency, RSS, drain`,
  run: runOverload,
};
