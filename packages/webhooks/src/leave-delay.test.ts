import { afterEach, describe, expect, it, vi } from 'vitest';
import { LeaveDelay } from './leave-delay';

afterEach(() => vi.useRealTimers());

describe('LeaveDelay', () => {
  it('sends a leave after the delay, and cancels it with a re-join inside the delay', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const delay = new LeaveDelay(1000);
    delay.leave('a', () => sent.push('a'));
    delay.leave('b', () => sent.push('b'));
    vi.advanceTimersByTime(500);
    expect(delay.rejoin('a')).toBe(true);
    expect(delay.rejoin('c')).toBe(false);
    vi.advanceTimersByTime(600);
    expect(sent).toEqual(['b']);
    expect(delay.size).toBe(0);
  });

  it('flushes held leaves at once', () => {
    const sent: string[] = [];
    const delay = new LeaveDelay(60_000);
    delay.leave('a', () => sent.push('a'));
    delay.flush();
    expect(sent).toEqual(['a']);
  });
});
