// NATS as a scaling backend for the scaling conformance suite (the shared server, random prefixes).
import { createNatsScaling } from '@herald/nats';
import { connect, type ConnectionOptions } from 'nats';
import { natsBroker } from './broker';
import type { BusConnection, BusTarget } from './bus-target';

/** Where the tests find NATS; `scripts/services.sh` makes sure one answers there. */
export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** Each node gets its own NATS connection; `kill` closes it without a goodbye, as a crash would. */
export const natsBusTarget: BusTarget = {
  name: 'nats',
  connect: (prefix) => connectNats(NATS_URL, prefix, {}),
  async isolated() {
    const broker = await natsBroker();
    await broker.start();
    return {
      name: 'nats (own server)',
      // Quick, even reconnects (nats.js waits 2 s between attempts by default): nodes come back
      // together, as they do with the defaults relative to the default 5 s node timeout.
      connect: (prefix) => connectNats(broker.url, prefix, { reconnectTimeWait: 100 }),
      outage: () => broker.stop(),
      recover: () => broker.start(),
      dispose: () => broker.stop(),
    };
  },
};

async function connectNats(
  servers: string,
  prefix: string,
  options: ConnectionOptions,
): Promise<BusConnection> {
  const connection = await connect({ servers, maxReconnectAttempts: -1, ...options });
  const bus = createNatsScaling({ connection, prefix });
  const shutDown = async () => {
    if (connection.isClosed()) return;
    await connection.close();
  };
  return { bus, kill: shutDown, close: shutDown };
}
