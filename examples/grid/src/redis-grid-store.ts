// The grid in Redis (ioredis), so every app process behind a load balancer shows the same grid.
import type { Redis } from 'ioredis';
import { MAX_CLICKS, playableCells } from './grid-rules';
import type { GridStore, LevelOutcome } from './grid-store';
import type { GridSnapshot } from './grid-wire';

// One script per operation, so a click is read-check-write in one step even with many processes:
// KEYS[1] is the hash of clicks per cell, KEYS[2] the hash of version, round and full-cell count.
const LEVEL = `
local clicks = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local max = tonumber(ARGV[2])
if clicks >= max then
  return {0, clicks, tonumber(redis.call('HGET', KEYS[2], 'version') or '0'), 0}
end
clicks = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
local version = redis.call('HINCRBY', KEYS[2], 'version', 1)
if clicks < max or redis.call('HINCRBY', KEYS[2], 'full', 1) < tonumber(ARGV[3]) then
  return {1, clicks, version, 0}
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[2], 'full', 0)
local round = redis.call('HINCRBY', KEYS[2], 'round', 1)
return {1, clicks, version, round, redis.call('HINCRBY', KEYS[2], 'version', 1)}
`;

const SNAPSHOT = `
return {redis.call('HGET', KEYS[2], 'version') or '0', redis.call('HGET', KEYS[2], 'round') or '0', redis.call('HGETALL', KEYS[1])}
`;

/** A grid in Redis under `prefix` (`<prefix>:cells`, `<prefix>:meta`); the client stays the caller's. */
export class RedisGridStore implements GridStore {
  private readonly keys: [string, string];
  private readonly goal: number;

  constructor(
    private readonly redis: Redis,
    readonly size: number,
    prefix: string,
  ) {
    this.keys = [`${prefix}:cells`, `${prefix}:meta`];
    this.goal = playableCells(size).length;
  }

  async snapshot(): Promise<GridSnapshot> {
    const [version, round, flat] = (await this.redis.eval(SNAPSHOT, 2, ...this.keys)) as [
      string,
      string,
      string[],
    ];
    const clicks = new Array<number>(this.size * this.size).fill(0);
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const index = Number(flat[i]);
      if (index < clicks.length) clicks[index] = Number(flat[i + 1]);
    }
    return { size: this.size, clicks, version: Number(version), round: Number(round) };
  }

  async level(index: number): Promise<LevelOutcome> {
    const [isLeveled, clicks, version, round, cleared] = (await this.redis.eval(
      LEVEL,
      2,
      ...this.keys,
      index,
      MAX_CLICKS,
      this.goal,
    )) as number[];
    const cell = { index, clicks: clicks!, version: version! };
    if (isLeveled === 0) return { isLeveled: false, cell };
    // A completing click clears the grid in the same step; the clearing takes the next version.
    if (round === 0) return { isLeveled: true, cell, completed: null };
    return { isLeveled: true, cell, completed: { round: round!, version: cleared! } };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
