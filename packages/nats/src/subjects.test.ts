import { describe, expect, it } from 'vitest';
import { subjectFor, topicToken, validatePrefix } from './subjects';

describe('topicToken', () => {
  it('keeps letters, digits, _, : and - as they are', () => {
    expect(topicToken('app-1:presence_members')).toBe('app-1:presence_members');
  });

  it('escapes separators, wildcards, whitespace and % so distinct topics stay distinct', () => {
    expect(topicToken('a.b')).toBe('a%2Eb');
    expect(topicToken('a*>')).toBe('a%2A%3E');
    expect(topicToken('a b\t')).toBe('a%20b%09');
    expect(topicToken('a%2Eb')).toBe('a%252Eb');
  });

  it('escapes non-ASCII as UTF-8 bytes', () => {
    expect(topicToken('é')).toBe('%C3%A9');
  });

  it('throws a TypeError for an empty topic', () => {
    expect(() => topicToken('')).toThrow(TypeError);
  });
});

describe('subjectFor', () => {
  it('puts the escaped topic after the prefix tokens', () => {
    expect(subjectFor('herald.prod', 'app.1')).toBe('herald.prod.app%2E1');
  });
});

describe('validatePrefix', () => {
  it('accepts dot-separated tokens', () => {
    expect(() => validatePrefix('herald.prod')).not.toThrow();
  });

  it.each(['', 'a..b', 'a.', 'a b', 'a.*', 'a.>'])('rejects %j with a TypeError', (prefix) => {
    expect(() => validatePrefix(prefix)).toThrow(TypeError);
  });
});
