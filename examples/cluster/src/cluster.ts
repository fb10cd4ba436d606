// Three chat nodes as child processes (src/cluster-node.ts) and the round-robin proxy in front of
// them: what `pnpm start` runs, and what the tests start.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
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
  /** The proxy's port, on 127.0.0.1; the nodes listen on the same port. @default a free one */
  port?: number;
  /** Node i's metrics port. @default free ports */
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

/**
 * Where the nodes listen: on the proxy's port, each on its own loopback address. pusher-js's HTTP
 * fallback rebinds a session to the node's name but keeps the port (docs/scaling.md), so each node
 * needs its own address. Linux answers on all of 127.0.0.0/8; macOS needs
 * `sudo ifconfig lo0 alias 127.0.0.2` (and .3, .4) first.
 */
export const NODE_HOSTS = Object.freeze(['127.0.0.2', '127.0.0.3', '127.0.0.4']);
export const NODE_COUNT = NODE_HOSTS.length;

/** Starts {@link NODE_COUNT} nodes on one Redis and the proxy; resolves once every node is ready. */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const port = options.port ?? (await freePort());
  const started = await Promise.allSettled(
    NODE_HOSTS.map((host, i) => startNode(i, host, port, options)),
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
    { port },
  );
  return {
    url: `http://127.0.0.1:${port}`,
    nodes,
    proxy,
    async close() {
      await proxy.close();
      await Promise.all(nodes.map((node) => node.stop()));
    },
  };
}

async function startNode(
  index: number,
  host: string,
  port: number,
  options: ClusterOptions,
): Promise<ClusterNodeProcess> {
  const name = `node-${index + 1}`;
  // `node --import tsx`, not the tsx command: that runs the script in a child process of its own,
  // which a SIGKILL to the command would leave running.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cluster-node.ts'], {
    cwd: EXAMPLE_DIR,
    env: {
      ...process.env,
      NODE_NAME: name,
      HOST: host,
      PORT: String(port),
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

/** A port free on 127.0.0.1 right now, for the proxy and (on their own addresses) the nodes. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
