import { describe, expect, it } from 'vitest';
import type { SseEvent } from './sse-constants';
import { createSseParser } from './sse-parser';

function parse(pieces: string[]): { events: SseEvent[]; retries: number[]; lastEventId: string } {
  const events: SseEvent[] = [];
  const retries: number[] = [];
  const parser = createSseParser({
    onEvent: (e) => events.push(e),
    onRetry: (ms) => retries.push(ms),
  });
  for (const piece of pieces) parser.push(piece);
  return { events, retries, lastEventId: parser.lastEventId };
}

describe('createSseParser', () => {
  it('dispatches named events with id and data', () => {
    const { events } = parse(['event: update\nid: 7\ndata: hello\n\n']);
    expect(events).toEqual([{ type: 'update', data: 'hello', lastEventId: '7' }]);
  });

  it('joins multi-line data with newlines and defaults the type to message', () => {
    expect(parse(['data: a\ndata:b\n\n']).events).toEqual([
      { type: 'message', data: 'a\nb', lastEventId: '' },
    ]);
  });

  it('treats a CRLF split across chunks as one line break', () => {
    const { events } = parse(['data: one\r', '\n\r', '\ndata: two\r\n\r\n']);
    expect(events.map((e) => e.data)).toEqual(['one', 'two']);
  });

  it('accepts CR-only line endings and skips comments and unknown fields', () => {
    const { events } = parse([': heartbeat\r\rfoo: bar\revent: x\rdata: y\r\r']);
    expect(events).toEqual([{ type: 'x', data: 'y', lastEventId: '' }]);
  });

  it('does not dispatch an event without data but keeps its id', () => {
    const { events, lastEventId } = parse(['id: 9\n\n']);
    expect(events).toEqual([]);
    expect(lastEventId).toBe('9');
  });

  it('reports numeric retry fields only', () => {
    expect(parse(['retry: 250\nretry: soon\n\n']).retries).toEqual([250]);
  });

  it('strips a leading byte order mark and holds an unfinished event', () => {
    const { events } = parse(['\uFEFFdata: first\n\ndata: unfinished\n']);
    expect(events.map((e) => e.data)).toEqual(['first']);
  });
});
