import { describe, expect, it } from 'vitest';
import { ManualClock } from '../test/manual-clock';
import { createClientEventPacer } from './client-event-pacer';

describe('ClientEventPacer', () => {
  it('lets maxPerSecond events through, then waits until the oldest leaves the window', () => {
    const clock = new ManualClock();
    const pacer = createClientEventPacer(clock, { maxPerSecond: 3, marginMs: 100 });
    for (let i = 0; i < 3; i += 1) {
      expect(pacer.waitMs()).toBe(0);
      pacer.record();
      clock.advance(10);
    }
    // Sent at 0, 10 and 20; the window is 1100 ms, so the fourth may go at 1100.
    expect(pacer.waitMs()).toBe(1100 - 30);
    clock.advance(1100 - 30 - 1);
    expect(pacer.waitMs()).toBe(1);
    clock.advance(1);
    expect(pacer.waitMs()).toBe(0);
  });

  it('never allows more than maxPerSecond in any window, however the sends are spread', () => {
    const clock = new ManualClock();
    const pacer = createClientEventPacer(clock, { maxPerSecond: 10, marginMs: 0 });
    const sentAt: number[] = [];
    for (let step = 0; step < 5000; step += 7) {
      if (pacer.waitMs() === 0) {
        pacer.record();
        sentAt.push(clock.now());
      }
      clock.advance(7);
    }
    for (let i = 10; i < sentAt.length; i += 1)
      expect(sentAt[i]! - sentAt[i - 10]!).toBeGreaterThanOrEqual(1000);
    expect(sentAt.length).toBeGreaterThanOrEqual(45);
  });

  it('does not pace with maxPerSecond 0, and refuses negative bounds', () => {
    const clock = new ManualClock();
    const pacer = createClientEventPacer(clock, { maxPerSecond: 0 });
    for (let i = 0; i < 100; i += 1) pacer.record();
    expect(pacer.waitMs()).toBe(0);
    expect(() => createClientEventPacer(clock, { marginMs: -1 })).toThrow(TypeError);
  });
});
