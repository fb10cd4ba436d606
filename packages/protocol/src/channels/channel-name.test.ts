import { describe, expect, it } from 'vitest';
import { channelNameProblem, channelTypeOf } from './channel-name';

describe('channelTypeOf', () => {
  it.each([
    ['news', 'public'],
    ['private-orders', 'private'],
    ['private-encrypted-secrets', 'private-encrypted'],
    ['presence-room', 'presence'],
  ])('maps %s to %s', (name, type) => {
    expect(channelTypeOf(name)).toBe(type);
  });
});

describe('channelNameProblem', () => {
  it('accepts every character Pusher allows', () => {
    expect(channelNameProblem('private-A-z_0=9@,.;')).toBeUndefined();
  });

  it('refuses names over 164 characters', () => {
    expect(channelNameProblem('a'.repeat(164))).toBeUndefined();
    expect(channelNameProblem('a'.repeat(165))).toMatch(/longer than 164/);
  });

  it.each([[''], ['has space'], ['slash/'], [42], [null]])('refuses %j', (name) => {
    expect(channelNameProblem(name)).toBeDefined();
  });
});
