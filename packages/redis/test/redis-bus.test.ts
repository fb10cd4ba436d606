// RedisBus against real Redis: the shared server for pub/sub, a private one for crash tests.
import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { createRedisScaling } from '../src/index';
import { redisProcess } from './broker-process';
import { type Defer, describeBusConformance, randomPrefix } from './bus-conformance';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A connected client and a bus on it; both closed after the test. */
async function connectBus(url: string, prefix: string, defer: Defer) {
  // A short, capped retry delay keeps crash tests quick; ioredis 6's default doubles up to 5 s.
  const client = new Redis(url, { retryStrategy: (times) => Math.min(times * 50, 200) });
  defer(() => void client.disconnect());
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve);
    client.once('error', reject);
  });
  const bus = createRedisScaling({ client, prefix });
  defer(() => bus.close());
  // The subscriber connection opens on its own; fault tests need a bus that is up before the crash.
  if (bus.status !== 'up')
    await new Promise<void>((resolve) => bus.onStatusChange((s) => s === 'up' && resolve()));
  return { client, bus };
}

describeBusConformance('Redis', {
  cluster(defer) {
    const prefix = randomPrefix();
    return { connect: async () => (await connectBus(REDIS_URL, prefix, defer)).bus };
  },
  async faultyCluster(defer) {
    const redis = await redisProcess();
    defer(() => redis.stop());
    const url = `redis://127.0.0.1:${redis.port}`;
    const prefix = randomPrefix();
    return {
      connect: async () => (await connectBus(url, prefix, defer)).bus,
      stopBroker: () => redis.stop(),
      startBroker: () => redis.start(),
    };
  },
});

describe('createRedisScaling', () => {
  it('throws a TypeError naming the fix when no client is given', () => {
    expect(() => createRedisScaling({} as never)).toThrow(TypeError);
    expect(() => createRedisScaling({} as never)).toThrow(/new Redis\(url\)/);
  });

  it("prefixes Redis channels with 'herald:' by default", async () => {
    const deferred: Array<() => unknown> = [];
    try {
      const { bus } = await connectBus(REDIS_URL, 'unused', (c) => void deferred.push(c));
      const watcher = new Redis(REDIS_URL);
      deferred.push(() => watcher.disconnect());
      const topic = randomPrefix();
      const heard = new Promise<string>((resolve) =>
        watcher.on('message', (_ch, m: string) => resolve(m)),
      );
      await watcher.subscribe(`herald:${topic}`);
      const client = new Redis(REDIS_URL);
      deferred.push(() => client.disconnect());
      const defaultBus = createRedisScaling({ client });
      deferred.push(() => defaultBus.close());
      await new Promise((resolve) => client.once('ready', resolve));
      await defaultBus.publish(topic, 'payload');
      expect(await heard).toBe('payload');
      void bus;
    } finally {
      for (const cleanup of deferred.reverse()) await cleanup();
    }
  });

  it("never closes the user's client", async () => {
    const client = new Redis(REDIS_URL);
    try {
      const bus = createRedisScaling({ client, prefix: randomPrefix() });
      await bus.subscribe('t', () => undefined);
      await bus.close();
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
    }
  });

  it("keeps ioredis's unhandled-error stacks off stderr through an outage, on both connections", async () => {
    const redis = await redisProcess();
    const printed = vi.spyOn(console, 'error');
    // Like the CLI's: a client with no 'error' listener of its own.
    const client = new Redis(`redis://127.0.0.1:${redis.port}`, { retryStrategy: () => 50 });
    const bus = createRedisScaling({ client, prefix: randomPrefix() });
    try {
      const statuses: string[] = [];
      let wake = (): void => undefined;
      bus.onStatusChange((s) => (statuses.push(s), wake()));
      const reached = (status: string) =>
        new Promise<void>((resolve) => (wake = () => statuses.at(-1) === status && resolve()));
      await bus.subscribe('t', () => undefined);
      if (bus.status !== 'up') await reached('up');
      const down = reached('down');
      await redis.stop();
      await down;
      // Each refused reconnect is an 'error' event on both connections.
      let attempts = 0;
      await new Promise<void>((resolve) =>
        client.on('reconnecting', () => ++attempts === 3 && resolve()),
      );
      const up = reached('up');
      await redis.start();
      await up;
      const stacks = printed.mock.calls.filter((args) => String(args[0]).includes('[ioredis]'));
      expect(stacks).toEqual([]);
    } finally {
      printed.mockRestore();
      await bus.close();
      client.disconnect();
      await redis.stop();
    }
  });
});
