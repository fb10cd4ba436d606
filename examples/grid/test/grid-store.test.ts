// The grid stores against one contract: in memory, and in Redis (the local server, a random prefix).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CLICKS, playableCells } from '../src/grid-rules';
import { MemoryGridStore, type GridStore } from '../src/grid-store';
import { RedisGridStore } from '../src/redis-grid-store';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const clients: Redis[] = [];
const prefixes: string[] = [];

afterAll(async () => {
  if (clients[0] !== undefined) {
    for (const prefix of prefixes) await clients[0].del(`${prefix}:cells`, `${prefix}:meta`);
  }
  for (const client of clients) client.disconnect();
});

function redisStores(count: number, size: number): GridStore[] {
  const prefix = `grid-test-${randomBytes(4).toString('hex')}`;
  prefixes.push(prefix);
  return Array.from({ length: count }, () => {
    const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(client);
    return new RedisGridStore(client, size, prefix);
  });
}

const targets: [string, (count: number, size: number) => GridStore[]][] = [
  // One memory store stands for every process: it is one process's grid.
  ['memory', (count, size) => new Array<GridStore>(count).fill(new MemoryGridStore(size))],
  ['redis', redisStores],
];

describe.each(targets)('%s grid store', (_name, storesOf) => {
  it('adds a click and gives the change the next version', async () => {
    const [store] = storesOf(1, 10);
    const first = await store!.level(3);
    const second = await store!.level(3);
    expect(first).toEqual({
      isLeveled: true,
      cell: { index: 3, clicks: 1, version: 1 },
      completed: null,
    });
    expect(second).toEqual({
      isLeveled: true,
      cell: { index: 3, clicks: 2, version: 2 },
      completed: null,
    });
    const snapshot = await store!.snapshot();
    expect(snapshot).toMatchObject({ size: 10, version: 2, round: 0 });
    expect(snapshot.clicks[3]).toBe(2);
    expect(snapshot.clicks.filter((n) => n > 0)).toHaveLength(1);
  });

  it('refuses a click on a full cell and leaves it as it is', async () => {
    const [store] = storesOf(1, 10);
    for (let i = 0; i < MAX_CLICKS; i += 1) await store!.level(0);
    const refused = await store!.level(0);
    expect(refused).toEqual({
      isLeveled: false,
      cell: { index: 0, clicks: MAX_CLICKS, version: MAX_CLICKS },
    });
    expect((await store!.snapshot()).version).toBe(MAX_CLICKS);
  });

  it('completes the round once, on the last click, and clears the grid', async () => {
    const stores = storesOf(2, 3);
    const cells = playableCells(3);
    for (const index of cells)
      for (let i = 0; i < MAX_CLICKS - 1; i += 1) await stores[0]!.level(index);
    // The last click of every cell at once, from two stores (two app processes with Redis).
    const outcomes = await Promise.all(cells.map((index, i) => stores[i % 2]!.level(index)));
    const completions = outcomes.flatMap((outcome) =>
      outcome.isLeveled && outcome.completed !== null ? [outcome.completed] : [],
    );
    const lastVersion = cells.length * MAX_CLICKS;
    expect(completions).toEqual([{ round: 1, version: lastVersion + 1 }]);
    expect(await stores[1]!.snapshot()).toEqual({
      size: 3,
      clicks: new Array<number>(9).fill(0),
      version: lastVersion + 1,
      round: 1,
    });
  });
});
