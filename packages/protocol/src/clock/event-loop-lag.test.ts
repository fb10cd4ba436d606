import { describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock';
import { EventLoopLag } from './event-loop-lag';
import { systemClock } from './system-clock';

describe('EventLoopLag', () => {
  it('reads zero while ticks come on time', () => {
    const clock = new ManualClock();
    const lag = new EventLoopLag(clock);
    lag.start();
    clock.advance(1000);
    expect(lag.lagMs).toBe(0);
    lag.stop();
  });

  it('measures how long a blocked event loop held its tick back', async () => {
    const lag = new EventLoopLag(systemClock);
    lag.start();
    const until = Date.now() + 400;
    while (Date.now() < until) {
      // Block the loop as a flood of work would.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The tick due 100 ms after start ran only after the 400 ms block.
    expect(lag.lagMs).toBeGreaterThanOrEqual(250);
    lag.stop();
  });
});
