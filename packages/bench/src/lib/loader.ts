// The bench's side of its loader children: spreads sockets over them and merges what they measure.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  ConnectPlan,
  ConnectResult,
  LoaderCommandName,
  LoaderCommands,
  LoaderCounters,
  LoaderReply,
  LoaderRequest,
  TrackingResult,
} from './loader-protocol';

const LOADER_ENTRY = fileURLToPath(new URL('./loader-child.ts', import.meta.url));

/** One loader child and its pending requests. */
class LoaderChild {
  private nextRequestId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();

  constructor(readonly child: ChildProcess) {
    child.on('message', (reply: LoaderReply) => {
      const request = this.pending.get(reply.requestId);
      if (request === undefined) return;
      this.pending.delete(reply.requestId);
      if ('error' in reply) request.reject(new Error(`loader ${child.pid}: ${reply.error}`));
      else request.resolve(reply.result);
    });
    child.on('exit', (code) => {
      for (const request of this.pending.values())
        request.reject(new Error(`loader ${child.pid} exited with ${code}`));
      this.pending.clear();
    });
  }

  request<K extends LoaderCommandName>(
    command: K,
    args: LoaderCommands[K]['args'],
  ): Promise<LoaderCommands[K]['result']> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ requestId, command, args } satisfies LoaderRequest<K>);
    });
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    return exited;
  }
}

/** Connect options: everything of a {@link ConnectPlan} but the split over loaders. */
export type ConnectOptions = Omit<ConnectPlan, 'count' | 'firstIndex' | 'concurrency'> & {
  /** Sockets connecting at once, over all loaders. */
  readonly concurrency: number;
};

/** Merged deliveries of one tracked round. */
export interface RoundResult {
  readonly received: number;
  readonly expected: number;
  readonly latenciesUs: Float64Array;
  /** Per event, the latency of the last socket (over all loaders) to receive it; events nobody got are left out. */
  readonly lastUsByEvent: Float64Array;
}

/** Loader children holding the bench's client sockets, used as one. */
export class LoaderPool {
  /** Index the next connected socket gets (user ids and spread channels stay unique across calls). */
  private nextIndex = 0;

  private constructor(private readonly loaders: LoaderChild[]) {}

  /** Process ids of the loader children (to read their CPU time). */
  get pids(): number[] {
    return this.loaders.flatMap((loader) =>
      loader.child.pid === undefined ? [] : [loader.child.pid],
    );
  }

  static start(size: number): LoaderPool {
    const loaders = Array.from(
      { length: size },
      () =>
        new LoaderChild(
          fork(LOADER_ENTRY, [], {
            execArgv: ['--import', import.meta.resolve('tsx')],
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
            serialization: 'advanced',
          }),
        ),
    );
    return new LoaderPool(loaders);
  }

  /** Opens `count` subscribed sockets, spread evenly over the loaders. */
  async connect(count: number, options: ConnectOptions): Promise<ConnectResult> {
    const share = Math.ceil(count / this.loaders.length);
    const perLoaderConcurrency = Math.max(1, Math.ceil(options.concurrency / this.loaders.length));
    const results = await Promise.all(
      this.loaders.map((loader, position) => {
        const loaderCount = Math.max(0, Math.min(share, count - position * share));
        const firstIndex = this.nextIndex + position * share;
        return loader.request('connect', {
          ...options,
          count: loaderCount,
          firstIndex,
          concurrency: perLoaderConcurrency,
        });
      }),
    );
    this.nextIndex += count;
    const firstError = results.find((result) => result.firstError !== undefined)?.firstError;
    const merged = {
      opened: results.reduce((sum, result) => sum + result.opened, 0),
      failed: results.reduce((sum, result) => sum + result.failed, 0),
    };
    return firstError === undefined ? merged : { ...merged, firstError };
  }

  startTracking(events: number): Promise<null[]> {
    return Promise.all(this.loaders.map((loader) => loader.request('startTracking', { events })));
  }

  async finishTracking(timeoutMs: number): Promise<RoundResult> {
    const results: TrackingResult[] = await Promise.all(
      this.loaders.map((loader) => loader.request('finishTracking', { timeoutMs })),
    );
    const events = results[0]?.lastUsByEvent.length ?? 0;
    const last: number[] = [];
    for (let event = 0; event < events; event++) {
      const latest = Math.max(...results.map((result) => result.lastUsByEvent[event]!));
      if (latest >= 0) last.push(latest);
    }
    const latencies = new Float64Array(
      results.reduce((sum, result) => sum + result.latenciesUs.length, 0),
    );
    let offset = 0;
    for (const result of results) {
      latencies.set(result.latenciesUs, offset);
      offset += result.latenciesUs.length;
    }
    return {
      received: results.reduce((sum, result) => sum + result.received, 0),
      expected: results.reduce((sum, result) => sum + result.expected, 0),
      latenciesUs: latencies,
      lastUsByEvent: Float64Array.from(last),
    };
  }

  async counters(): Promise<LoaderCounters> {
    const all = await Promise.all(this.loaders.map((loader) => loader.request('counters', null)));
    return {
      sockets: all.reduce((sum, counters) => sum + counters.sockets, 0),
      memberAdded: all.reduce((sum, counters) => sum + counters.memberAdded, 0),
      errorFrames: all.reduce((sum, counters) => sum + counters.errorFrames, 0),
      unexpectedCloses: all.reduce((sum, counters) => sum + counters.unexpectedCloses, 0),
    };
  }

  /** Polls the loaders' counters until `isDone` holds or `timeoutMs` passes; returns the last read. */
  async waitForCounters(
    isDone: (counters: LoaderCounters) => boolean,
    timeoutMs: number,
  ): Promise<LoaderCounters> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const counters = await this.counters();
      if (isDone(counters) || performance.now() >= deadline) return counters;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Drops every socket in every loader. */
  async closeAll(): Promise<void> {
    await Promise.all(this.loaders.map((loader) => loader.request('closeAll', null)));
    this.nextIndex = 0;
  }

  async stop(): Promise<void> {
    await Promise.all(this.loaders.map((loader) => loader.stop()));
  }
}
