// Redis as a scaling backend for the scaling conformance suite (the shared server, random prefixes).
import { createRedisScaling } from '@herald/redis';
import { Redis } from 'ioredis';
import type { BusTarget } from './bus-target';

/** Where the tests find Redis; `scripts/services.sh` makes sure one answers there. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Each node gets its own ioredis client; `kill` drops it without a goodbye, as a crash would. */
export const redisBusTarget: BusTarget = {
  name: 'redis',
  async connect(prefix) {
    const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
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
  },
};
