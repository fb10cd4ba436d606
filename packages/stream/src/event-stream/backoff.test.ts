import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  it('doubles from the initial delay up to the maximum', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6].map((n) =>
      backoffDelayMs(n, { jitter: false, maxDelayMs: 20_000 }),
    );
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 20_000, 20_000]);
  });

  it('jitters between half and all of the delay', () => {
    expect(backoffDelayMs(2, {}, () => 0)).toBe(2000);
    expect(backoffDelayMs(2, {}, () => 1)).toBe(4000);
  });
});
