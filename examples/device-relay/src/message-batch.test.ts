import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH, parseBatch } from './message-batch';

const message = (seq: number, text = 'x') => ({ seq, text, isPriority: false, at: 1 });
const body = (value: unknown) => JSON.stringify(value);

describe('parseBatch', () => {
  it('reads a well-formed batch', () => {
    const batch = { run: 'run-1', messages: [message(1), message(2)], droppedCount: 0 };
    expect(parseBatch(body(batch))).toEqual(batch);
  });

  it('refuses seqs that do not increase', () => {
    const batch = { run: 'run-1', messages: [message(2), message(2)], droppedCount: 0 };
    expect(parseBatch(body(batch))).toBe('Each seq is an integer above the one before.');
  });

  it('refuses a text over the limit, a missing run, a bad count and non-JSON', () => {
    const long = {
      run: 'r',
      messages: [message(1, 'x'.repeat(MAX_TEXT_LENGTH + 1))],
      droppedCount: 0,
    };
    expect(parseBatch(body(long))).toBe(`Each text is at most ${MAX_TEXT_LENGTH} characters.`);
    expect(parseBatch(body({ messages: [], droppedCount: 0 }))).toBe('run is missing.');
    expect(parseBatch(body({ run: 'r', messages: [], droppedCount: -1 }))).toBe(
      'droppedCount is a count.',
    );
    expect(parseBatch('{')).toBe('The body is not JSON.');
  });
});
