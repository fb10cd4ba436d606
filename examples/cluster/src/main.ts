// `pnpm start`: three chat nodes on one Redis behind a round-robin proxy, until Ctrl-C.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { startCluster } from './cluster';
import { PIDS_FILE, RUN_DIR } from './run-files';

const env = process.env;
const port = Number(env.PORT ?? 3000);
const metricsPort = Number(env.METRICS_PORT ?? 9101);
const cluster = await startCluster({
  port,
  metricsPorts: [metricsPort, metricsPort + 1, metricsPort + 2],
  ...(env.REDIS_URL === undefined ? {} : { redisUrl: env.REDIS_URL }),
  ...(env.CLUSTER_PREFIX === undefined ? {} : { prefix: env.CLUSTER_PREFIX }),
  onLog: (line) => console.log(line),
});
mkdirSync(RUN_DIR, { recursive: true });
writeFileSync(
  PIDS_FILE,
  JSON.stringify(cluster.nodes.map(({ name, pid, url }) => ({ name, pid, url }))),
);
console.log(
  `cluster: open ${cluster.url} in two browsers (or a private window); \`pnpm kill-node\` kills a node`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    rmSync(PIDS_FILE, { force: true });
    void cluster.close().then(() => process.exit(0));
  });
}
