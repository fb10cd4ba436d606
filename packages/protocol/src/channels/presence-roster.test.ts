import { describe, expect, it } from 'vitest';
import { PresenceRoster } from './presence-roster';

describe('PresenceRoster', () => {
  it('counts a user with several sockets once', () => {
    const roster = new PresenceRoster();
    expect(roster.add({ userId: '1', userInfo: { name: 'a' } })).toEqual({
      userId: '1',
      userInfo: { name: 'a' },
    });
    expect(roster.add({ userId: '1', userInfo: { name: 'b' } })).toBeUndefined();
    expect(roster.count).toBe(1);
  });

  it('removes the user only when their last socket leaves', () => {
    const roster = new PresenceRoster();
    roster.add({ userId: '1', userInfo: null });
    roster.add({ userId: '1', userInfo: null });
    expect(roster.remove('1')).toBe(false);
    expect(roster.has('1')).toBe(true);
    expect(roster.remove('1')).toBe(true);
    expect(roster.count).toBe(0);
  });

  it('keeps the first socket info until the user leaves', () => {
    const roster = new PresenceRoster();
    roster.add({ userId: '1', userInfo: 'first' });
    roster.add({ userId: '1', userInfo: 'second' });
    expect([...roster.members()]).toEqual([{ userId: '1', userInfo: 'first' }]);
  });
});
