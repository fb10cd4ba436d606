import { describe, expect, it } from 'vitest';
import { frameOf } from './frame';

describe('Frame', () => {
  it('builds each encoding once and keeps encodings apart', () => {
    const frame = frameOf({ event: 'e' });
    const a = Symbol('a');
    const b = Symbol('b');
    let builds = 0;
    const build = (text: string) => {
      builds++;
      return text.length;
    };
    expect(frame.encode(a, build)).toBe(13);
    frame.encode(a, build);
    expect(frame.encode(b, () => 'other')).toBe('other');
    expect(frame.encode(b, () => 'again')).toBe('other');
    expect(builds).toBe(1);
  });
});
