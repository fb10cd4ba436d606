// NATS as a scaling backend for the scaling conformance suite (the shared server, random prefixes).
import { createNatsScaling } from '@herald/nats';
import { connect } from 'nats';
import type { BusTarget } from './bus-target';

/** Where the tests find NATS; `scripts/services.sh` makes sure one answers there. */
export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** Each node gets its own NATS connection; `kill` closes it without a goodbye, as a crash would. */
export const natsBusTarget: BusTarget = {
  name: 'nats',
  async connect(prefix) {
    const connection = await connect({ servers: NATS_URL, maxReconnectAttempts: -1 });
    const bus = createNatsScaling({ connection, prefix });
    const shutDown = async () => {
      if (connection.isClosed()) return;
      await connection.close();
    };
    return { bus, kill: shutDown, close: shutDown };
  },
};
