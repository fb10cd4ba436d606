// NatsBus against real NATS: the shared server for pub/sub, a private one for crash tests.
import { connect, type NatsConnection } from 'nats';
import { describe, expect, it } from 'vitest';
import { createNatsScaling } from '../src/index';
// One copy of the suite and the broker helpers, in @herald/redis's tests (see bus-conformance.ts).
import { natsProcess } from '../../redis/test/broker-process';
import { type Defer, describeBusConformance, randomPrefix } from '../../redis/test/bus-conformance';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** A connection and a bus on it; both closed after the test. */
async function connectBus(servers: string, prefix: string, defer: Defer) {
  // Quick reconnects keep crash tests short (nats.js waits 2 s between attempts by default), and
  // never giving up matches what docs/scaling.md recommends.
  const nc = await connect({ servers, reconnectTimeWait: 100, maxReconnectAttempts: -1 });
  defer(() => nc.close());
  const bus = createNatsScaling({ connection: nc, prefix });
  defer(() => bus.close());
  return { nc, bus };
}

describeBusConformance('NATS', {
  cluster(defer) {
    const prefix = randomPrefix();
    return { connect: async () => (await connectBus(NATS_URL, prefix, defer)).bus };
  },
  async faultyCluster(defer) {
    const nats = await natsProcess();
    defer(() => nats.stop());
    const url = `nats://127.0.0.1:${nats.port}`;
    const prefix = randomPrefix();
    return {
      connect: async () => (await connectBus(url, prefix, defer)).bus,
      stopBroker: () => nats.stop(),
      startBroker: () => nats.start(),
    };
  },
});

describe('createNatsScaling', () => {
  it('throws a TypeError naming the fix when no connection is given', () => {
    expect(() => createNatsScaling({} as never)).toThrow(/connect\(\{ servers: url \}\)/);
  });

  it('throws a TypeError for a prefix with wildcards', async () => {
    const nc = await connect({ servers: NATS_URL });
    try {
      expect(() => createNatsScaling({ connection: nc, prefix: 'herald.*' })).toThrow(TypeError);
    } finally {
      await nc.close();
    }
  });

  it('throws a TypeError for a noEcho connection, which would never hear its own heartbeats', async () => {
    const nc = await connect({ servers: NATS_URL, noEcho: true });
    try {
      expect(() => createNatsScaling({ connection: nc })).toThrow(/without \{ noEcho: true \}/);
    } finally {
      await nc.close();
    }
  });

  it("publishes on 'herald.<topic>' by default", async () => {
    const nc: NatsConnection = await connect({ servers: NATS_URL });
    try {
      const topic = randomPrefix();
      const heard = new Promise<string>((resolve) =>
        nc.subscribe(`herald.${topic}`, { callback: (_err, msg) => resolve(msg.string()) }),
      );
      await nc.flush();
      await createNatsScaling({ connection: nc }).publish(topic, 'payload');
      expect(await heard).toBe('payload');
    } finally {
      await nc.close();
    }
  });

  it("never closes the user's connection", async () => {
    const nc = await connect({ servers: NATS_URL });
    try {
      const bus = createNatsScaling({ connection: nc, prefix: randomPrefix() });
      await bus.subscribe('t', () => undefined);
      await bus.close();
      expect(nc.isClosed()).toBe(false);
      await nc.flush();
    } finally {
      await nc.close();
    }
  });
});
