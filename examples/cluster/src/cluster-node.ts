// One cluster node, as its own process: the chat example's server with Herald on the Redis scaling
// plugin, room history in Redis, and @herald/metrics on a port of its own.
import { createMetrics } from '@herald/metrics';
import { createRedisScaling } from '@herald/redis';
import { startChat } from '@herald/example-chat/src/server';
import { Redis } from 'ioredis';
import { createRedisHistory } from './redis-history';

/** Lowered from Herald's 1 s / 5 s, so a dead node's members leave within about 2.5 s. */
const CLUSTER_TIMING = Object.freeze({ heartbeatIntervalMs: 500, nodeTimeoutMs: 2000 });

const env = process.env;
const name = env.NODE_NAME ?? 'node';
const prefix = env.CLUSTER_PREFIX ?? 'herald-cluster';
const host = env.HOST ?? '127.0.0.1';
// Capped back-off, as docs/scaling.md advises, so nodes are back on the bus within the node timeout.
const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  retryStrategy: (times) => Math.min(50 * 2 ** times, 500),
  maxRetriesPerRequest: 1,
});
const chat = await startChat({
  port: Number(env.PORT ?? 0),
  host,
  // pusher-js sends the rest of an HTTP fallback session to this name, past the round-robin proxy.
  httpFallback: { hostname: host },
  history: createRedisHistory(redis, prefix),
  scaling: createRedisScaling({ client: redis, prefix }),
  cluster: CLUSTER_TIMING,
  ...(env.CHAT_SESSION_SECRET === undefined ? {} : { sessionSecret: env.CHAT_SESSION_SECRET }),
});
const metrics = createMetrics(chat.herald);
const scrape = await metrics.listen({ port: Number(env.METRICS_PORT ?? 0) });

chat.herald.observe({
  nodeAdded: ({ nodeId }) => {
    const peers = chat.herald.peerCount;
    log(`hears node ${nodeId}: ${peers} other node${peers === 1 ? '' : 's'} in all`);
  },
  nodeRemoved: ({ nodeId }) => {
    const peers = chat.herald.peerCount;
    log(
      `removed node ${nodeId}: no heartbeat for ${CLUSTER_TIMING.nodeTimeoutMs / 1000} s; ${peers} other node${peers === 1 ? '' : 's'} left`,
    );
  },
  busStatus: ({ status }) => log(`Redis bus ${status}`),
});

// The parent (src/cluster.ts) reads this line for the ports.
log(
  `ready: chat on ${chat.url}, metrics on http://127.0.0.1:${scrape.port}/metrics, Herald node id ${chat.herald.nodeId ?? '?'}`,
);

function log(line: string): void {
  console.log(`${name}: ${line}`);
}

function stop(): void {
  void Promise.all([chat.close(), metrics.close()]).finally(() => {
    redis.disconnect();
    process.exit(0);
  });
}
process.on('SIGTERM', stop);
// Started by src/cluster.ts with a pipe on stdin: it ends when that parent is gone, however it went.
if (!process.stdin.isTTY) process.stdin.on('end', stop).resume();
