import { describe, expect, it } from 'vitest';
import type { DeviceMessage } from '../relay-wire';
import { DeviceOutput, SHOWN_MESSAGES } from './device-output';

const lines = (...seqs: number[]): DeviceMessage[] =>
  seqs.map((seq) => ({ seq, text: `line ${seq}`, isPriority: false, at: seq }));
const seqsOf = (output: DeviceOutput) => output.lines.map((line) => line.seq);

describe('DeviceOutput', () => {
  it('appends lines that come in order', () => {
    const output = new DeviceOutput();
    expect(output.merge('a', lines(1, 2))).toBe('all');
    expect(output.merge('a', lines(3))).toEqual(lines(3));
    expect(seqsOf(output)).toEqual([1, 2, 3]);
  });

  it('shows each line once, in seq order, when a catch-up overlaps and precedes live lines', () => {
    const output = new DeviceOutput();
    output.merge('a', lines(1, 2));
    output.merge('a', lines(6, 7));
    expect(output.merge('a', lines(2, 3, 4, 5, 6))).toBe('all');
    expect(seqsOf(output)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(output.merge('a', lines(5, 7))).toEqual([]);
  });

  it('starts over for a new run of the device', () => {
    const output = new DeviceOutput();
    output.merge('a', lines(1, 2, 3));
    expect(output.merge('b', lines(1))).toBe('all');
    expect(seqsOf(output)).toEqual([1]);
    expect(output.run).toBe('b');
  });

  it(`keeps the last ${SHOWN_MESSAGES} lines`, () => {
    const output = new DeviceOutput();
    output.merge('a', lines(...Array.from({ length: SHOWN_MESSAGES + 10 }, (_, i) => i + 1)));
    expect(output.lines.length).toBe(SHOWN_MESSAGES);
    expect(output.lines[0]!.seq).toBe(11);
  });
});
