import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff';

describe('createBackoff', () => {
  it('doubles the ceiling per attempt up to maxDelayMs', () => {
    const backoff = createBackoff({ minDelayMs: 100, maxDelayMs: 1000, factor: 2 });
    expect([1, 2, 3, 4, 5, 6].map((n) => backoff.ceilingMs(n, 0))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('draws each delay uniformly below the ceiling (full jitter)', () => {
    const draws = [0, 0.5, 0.999];
    const backoff = createBackoff({
      minDelayMs: 100,
      maxDelayMs: 1000,
      random: () => draws.shift() ?? 0,
    });
    expect([backoff.delayMs(3, 0), backoff.delayMs(3, 0), backoff.delayMs(3, 0)]).toEqual([
      0, 200, 399,
    ]);
  });

  it('moves to the slow tier after a long outage', () => {
    const backoff = createBackoff({
      minDelayMs: 100,
      maxDelayMs: 1000,
      longOutageMs: 60_000,
      slowDelayMs: 90_000,
    });
    expect(backoff.ceilingMs(2, 59_999)).toBe(200);
    expect(backoff.ceilingMs(2, 60_000)).toBe(90_000);
  });

  it('rejects options that cannot work', () => {
    expect(() => createBackoff({ minDelayMs: 0 })).toThrow(TypeError);
    expect(() => createBackoff({ minDelayMs: 500, maxDelayMs: 100 })).toThrow(TypeError);
    expect(() => createBackoff({ factor: 0.5 })).toThrow(TypeError);
  });
});
