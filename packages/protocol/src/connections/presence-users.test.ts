import { describe, expect, it } from 'vitest';
import { FakeSocket } from '../testing/fake-socket';
import { Connection } from './connection';
import { PresenceUsers } from './presence-users';

const conn = () => new Connection(new FakeSocket(), 0);

describe('PresenceUsers', () => {
  it('lists every connection present as a user', () => {
    const index = new PresenceUsers();
    const [a, b, c] = [conn(), conn(), conn()];
    index.add('ann', a);
    index.add('ann', b);
    index.add('bob', c);
    expect([...index.connections('ann')]).toEqual([a, b]);
    expect([...index.connections('nobody')]).toEqual([]);
  });

  it('keeps a connection until it has left every channel it joined as the user', () => {
    const index = new PresenceUsers();
    const a = conn();
    index.add('ann', a);
    index.add('ann', a);
    index.remove('ann', a);
    expect([...index.connections('ann')]).toEqual([a]);
    index.remove('ann', a);
    expect([...index.connections('ann')]).toEqual([]);
  });

  it('forgets a user once no connection is present as them', () => {
    const index = new PresenceUsers();
    const a = conn();
    index.add('ann', a);
    index.remove('ann', a);
    index.remove('ann', a);
    expect(index.size).toBe(0);
  });
});
