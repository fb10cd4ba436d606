import { describe, expect, it } from 'vitest';
import { isRetryable, retryDelayMs } from './retry-policy';

describe('retry policy', () => {
  it('retries network errors, timeouts, 408, 429 and 5xx, not other client errors', () => {
    expect([undefined, 408, 429, 500, 503].map(isRetryable)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 401, 403, 404, 410].map(isRetryable)).toEqual([false, false, false, false, false]);
  });

  it('doubles the delay per attempt up to the cap, with jitter in [50%, 100%]', () => {
    expect([1, 2, 3, 4, 10].map((a) => retryDelayMs(a, 1000, 5000, () => 1))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
    expect(retryDelayMs(2, 1000, 5000, () => 0)).toBe(1000);
  });
});
