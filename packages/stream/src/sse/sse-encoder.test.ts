import { describe, expect, it } from 'vitest';
import { encodeComment, encodeServerEvent } from './sse-encoder';
import type { SseEvent } from './sse-constants';
import { createSseParser } from './sse-parser';

describe('encodeServerEvent', () => {
  it('writes event update, id and JSON data by default', () => {
    expect(encodeServerEvent({ data: { n: 1 }, id: 3 })).toBe(
      'event: update\nid: 3\ndata: {"n":1}\n\n',
    );
  });

  it('sends strings as they are, one data line per line, and round-trips through the parser', () => {
    const text = encodeServerEvent({ event: 'log', data: 'line 1\nline 2', retryMs: 500 });
    expect(text).toBe('event: log\nretry: 500\ndata: line 1\ndata: line 2\n\n');
    const events: SseEvent[] = [];
    createSseParser({ onEvent: (e) => events.push(e) }).push(text);
    expect(events).toEqual([{ type: 'log', data: 'line 1\nline 2', lastEventId: '' }]);
  });

  it('rejects an id with a line break with a TypeError naming the fix', () => {
    expect(() => encodeServerEvent({ data: 'x', id: 'a\nb' })).toThrow(/must be one line/);
  });
});

describe('encodeComment', () => {
  it('writes a comment the parser ignores', () => {
    expect(encodeComment()).toBe(': heartbeat\n\n');
  });
});
