// The server under test: Herald on Node (createNodeServer) with the bench app and its limits raised.
// With BENCH_SCALING=redis|nats (and BENCH_SCALING_URL, BENCH_SCALING_PREFIX) it joins other nodes.
import { createNodeServer } from '@herald/node';
import { createWebhooks } from '@herald/webhooks';
import type { ClusterBus } from '@herald/protocol';
import { BENCH_APP, BENCH_HOST } from '../lib/bench-app';
import { announceListening } from '../lib/server-control';

async function scalingBus(): Promise<ClusterBus | undefined> {
  const driver = process.env.BENCH_SCALING;
  const prefix = process.env.BENCH_SCALING_PREFIX ?? 'herald-bench';
  if (driver === 'redis') {
    const [{ Redis }, { createRedisScaling }] = await Promise.all([
      import('ioredis'),
      import('@herald/redis'),
    ]);
    const client = new Redis(process.env.BENCH_SCALING_URL ?? 'redis://127.0.0.1:6379');
    return createRedisScaling({ client, prefix });
  }
  if (driver === 'nats') {
    const [{ connect }, { createNatsScaling }] = await Promise.all([
      import('nats'),
      import('@herald/nats'),
    ]);
    const connection = await connect({
      servers: process.env.BENCH_SCALING_URL ?? 'nats://127.0.0.1:4222',
    });
    return createNatsScaling({ connection, prefix });
  }
  return undefined;
}

const bus = await scalingBus();
// BENCH_WEBHOOK_URL: every webhook event type goes there, vacated at once (no leave delay).
const webhookUrl = process.env.BENCH_WEBHOOK_URL;
const webhooks = webhookUrl === undefined ? undefined : createWebhooks({ leaveDelayMs: 0 });
// BENCH_RECOVERY_PREFIX: channels under it are resumable (serials, history kept in memory).
const recoveryPrefix = process.env.BENCH_RECOVERY_PREFIX;
const server = createNodeServer({
  ...(webhooks ? { observers: [webhooks.observer] } : {}),
  apps: [
    {
      ...BENCH_APP,
      ...(webhookUrl === undefined ? {} : { webhooks: [{ url: webhookUrl }] }),
      ...(recoveryPrefix === undefined ? {} : { recovery: { channels: [recoveryPrefix] } }),
      limits: {
        maxPresenceMembers: 100_000,
        maxConnections: 0,
        maxChannelsPerPublish: 100,
      },
    },
  ],
  host: BENCH_HOST,
  port: 0,
  // Loaders stay quiet for a whole scenario; keep the server from pinging them mid-measurement.
  activityTimeoutSeconds: 120,
  ...(bus
    ? {
        scaling: bus,
        cluster: {
          prefix: process.env.BENCH_SCALING_PREFIX ?? 'herald-bench',
          heartbeatIntervalMs: 200,
        },
      }
    : {}),
});

const { port } = await server.listen();
announceListening('herald', port);
