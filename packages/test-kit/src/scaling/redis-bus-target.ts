// Redis as a scaling backend for the scaling conformance suite (the shared server, random prefixes).
import { createRedisScaling } from '@herald/redis';
import { Redis, type RedisOptions } from 'ioredis';
import { redisBroker } from './broker';
import type { BusConnection, BusTarget } from './bus-target';

/** Where the tests find Redis; `scripts/services.sh` makes sure one answers there. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Each node gets its own ioredis client; `kill` drops it without a goodbye, as a crash would. */
export const redisBusTarget: BusTarget = {
  name: 'redis',
  connect: (prefix) => connectRedis(REDIS_URL, prefix, { maxRetriesPerRequest: 1 }),
  async isolated() {
    const broker = await redisBroker();
    await broker.start();
    return {
      name: 'redis (own server)',
      // Quick, even reconnects: nodes come back together, as they do with ioredis's defaults
      // relative to the default 5 s node timeout.
      connect: (prefix) => connectRedis(broker.url, prefix, { retryStrategy: () => 100 }),
      outage: () => broker.stop(),
      recover: () => broker.start(),
      dispose: () => broker.stop(),
    };
  },
};

// No 'error' listener on the client, as in the CLI: the plugin must keep ioredis quiet itself.
async function connectRedis(
  url: string,
  prefix: string,
  options: RedisOptions,
): Promise<BusConnection> {
  const client = new Redis(url, { lazyConnect: true, ...options });
  await client.connect();
  const bus = createRedisScaling({ client, prefix });
  let isClosed = false;
  const shutDown = async () => {
    if (isClosed) return;
    isClosed = true;
    await bus.close().catch(() => undefined);
    client.disconnect(false);
  };
  return { bus, kill: shutDown, close: shutDown };
}
