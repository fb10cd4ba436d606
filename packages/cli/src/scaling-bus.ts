// Starting the bus the CLI's scaling settings ask for. The plugins and their clients are optional
// peers: a single-node install never loads them.
import { CLUSTER_DEFAULTS, type ClusterBus } from '@herald/protocol';
import type * as HeraldRedis from '@herald/redis';
import type * as HeraldNats from '@herald/nats';
import type * as IoRedis from 'ioredis';
import type * as Nats from 'nats';
// One redaction for every URL the CLI shows: bus URLs here, webhook URLs in their log lines.
import { redactUrl } from '@herald/webhooks';
import { ConfigError } from './config';
import type { ScalingSettings } from './scaling-settings';

/** A started bus and how to let go of the client the CLI opened for it. */
export interface StartedBus {
  readonly bus: ClusterBus;
  readonly description: string;
  close(): Promise<void>;
}

/** Connects to Redis or NATS; `undefined` for `local`. */
export async function startScalingBus(settings: ScalingSettings): Promise<StartedBus | undefined> {
  if (settings.driver === 'local') return undefined;
  const prefix = settings.prefix === undefined ? {} : { prefix: settings.prefix };
  const retryMs = retryIntervalMs(settings);
  if (settings.driver === 'redis') {
    const url = settings.url ?? 'redis://127.0.0.1:6379';
    const [{ Redis }, { createRedisScaling }] = await Promise.all([
      load<typeof IoRedis>('ioredis', 'redis'),
      load<typeof HeraldRedis>('@herald/redis', 'redis'),
    ]);
    const client = new Redis(url, {
      lazyConnect: true,
      retryStrategy: (times) => Math.min(50 * 2 ** times, retryMs),
    });
    await client.connect();
    return {
      bus: createRedisScaling({ client, ...prefix }),
      description: `redis ${redactUrl(url)}`,
      close: async () => {
        await client.quit().catch(() => client.disconnect());
      },
    };
  }
  const url = settings.url ?? 'nats://127.0.0.1:4222';
  const [{ connect }, { createNatsScaling }] = await Promise.all([
    load<typeof Nats>('nats', 'nats'),
    load<typeof HeraldNats>('@herald/nats', 'nats'),
  ]);
  // Keep reconnecting for as long as it takes: nats.js gives up after 10 tries by default.
  const connection = await connect({
    servers: url,
    maxReconnectAttempts: -1,
    reconnectTimeWait: retryMs,
    reconnectJitter: Math.min(100, retryMs / 4),
  });
  return {
    bus: createNatsScaling({ connection, ...prefix }),
    description: `nats ${redactUrl(url)}`,
    close: () => connection.close(),
  };
}

/**
 * How long a bus client may wait between reconnect attempts. After a broker outage every node's
 * peer timers restart when it hears itself again, so nodes must be back within `nodeTimeoutMs` of
 * each other or the first ones back take a late one for dead (docs/scaling.md): a quarter of the
 * node timeout keeps them well inside it, where ioredis (5 s) and nats.js (2 s) defaults need not.
 */
export function retryIntervalMs(settings: ScalingSettings): number {
  return Math.min(1000, (settings.nodeTimeoutMs ?? CLUSTER_DEFAULTS.nodeTimeoutMs) / 4);
}

async function load<T>(name: string, driver: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch {
    throw new ConfigError(
      `--scaling ${driver} needs the package "${name}": install it next to @herald/cli ` +
        `(npm install @herald/${driver} ${driver === 'redis' ? 'ioredis' : 'nats'})`,
    );
  }
}
