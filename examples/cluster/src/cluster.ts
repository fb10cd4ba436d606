// Three chat nodes as child processes (src/cluster-node.ts) and the round-robin proxy in front of
// them: what `pnpm start` runs, and what the tests start.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';

const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Options of {@link startCluster}. */
export interface ClusterOptions {
  /** @default 'redis://127.0.0.1:6379' */
  redisUrl?: string;
  /** Redis key and bus prefix shared by the nodes. @default 'herald-cluster' */
  prefix?: string;
  /** The proxy's port. @default 0 (a free one) */
  port?: number;
  /** Node i listens on `nodePorts[i]`, its metrics on `metricsPorts[i]`. @default free ports */
  nodePorts?: readonly number[];
  metricsPorts?: readonly number[];
  /** Called with every line a node prints. @default ignore them */
  onLog?: (line: string) => void;
}

/** One node process. */
export interface ClusterNodeProcess {
  readonly name: string;
  readonly url: string;
  readonly metricsUrl: string;
  readonly pid: number;
  /** Every line it printed. */
  readonly lines: readonly string[];
  /** SIGKILL: no goodbye to the bus or to its clients, as when a machine dies. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The running cluster. */
export interface Cluster {
  /** The proxy: the URL to open. */
  readonly url: string;
  readonly nodes: readonly ClusterNodeProcess[];
  readonly proxy: RoundRobinProxy;
  close(): Promise<void>;
}

export const NODE_COUNT = 3;

/** Starts {@link NODE_COUNT} nodes on one Redis and the proxy; resolves once every node is ready. */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const started = await Promise.allSettled(
    Array.from({ length: NODE_COUNT }, (_, i) => startNode(i, options)),
  );
  const nodes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(nodes.map((node) => node.stop()));
    throw failed.reason;
  }
  const proxy = await startRoundRobinProxy(
    nodes.map((node) => {
      const { hostname, port } = new URL(node.url);
      return { host: hostname, port: Number(port) };
    }),
    { port: options.port ?? 0 },
  );
  return {
    url: `http://127.0.0.1:${proxy.port}`,
    nodes,
    proxy,
    async close() {
      await proxy.close();
      await Promise.all(nodes.map((node) => node.stop()));
    },
  };
}

async function startNode(index: number, options: ClusterOptions): Promise<ClusterNodeProcess> {
  const name = `node-${index + 1}`;
  // `node --import tsx`, not the tsx command: that runs the script in a child process of its own,
  // which a SIGKILL to the command would leave running.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cluster-node.ts'], {
    cwd: EXAMPLE_DIR,
    env: {
      ...process.env,
      NODE_NAME: name,
      PORT: String(options.nodePorts?.[index] ?? 0),
      METRICS_PORT: String(options.metricsPorts?.[index] ?? 0),
      REDIS_URL: options.redisUrl ?? 'redis://127.0.0.1:6379',
      CLUSTER_PREFIX: options.prefix ?? 'herald-cluster',
    },
    // stdin stays open while this process lives: a node whose parent died sees it end and exits.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = once(child, 'exit');
  child.once('exit', (code, signal) => options.onLog?.(`${name}: exited (${signal ?? code})`));
  const ready = new Promise<[string, string]>((resolve) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        options.onLog?.(line);
        const match = /ready: chat on (\S+), metrics on (\S+),/.exec(line);
        if (match) resolve([match[1]!, match[2]!]);
      });
    }
  });
  const [url, metricsUrl] = await Promise.race([
    ready,
    exited.then(([code]) => {
      throw new Error(`${name} exited with ${String(code)}:\n${lines.join('\n')}`);
    }),
  ]);
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    name,
    url,
    metricsUrl,
    pid: child.pid!,
    lines,
    async kill() {
      if (!isRunning()) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!isRunning()) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
