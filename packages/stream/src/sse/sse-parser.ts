// Incremental Server-Sent Events parser following the WHATWG "event stream interpretation" rules.
import type { SseEvent } from './sse-constants';

/** Receives what the parser finds. */
export interface SseParserHandlers {
  /** A complete event (an event whose data buffer is empty is never dispatched). */
  onEvent(event: SseEvent): void;
  /** A valid `retry:` field: the reconnection delay the server asks for. */
  onRetry?(delayMs: number): void;
}

/** A push parser: feed it decoded text in any chunking. */
export interface SseParser {
  /** Parses the next piece of text; complete events are dispatched synchronously. */
  push(text: string): void;
  /** The last event id seen so far (`id:` fields apply even to events that are not dispatched). */
  readonly lastEventId: string;
}

/**
 * Creates an SSE parser.
 *
 * Lines may end in `\n`, `\r` or `\r\n`, and a `\r\n` split across two chunks is one line break.
 * Comments (`:` lines) are skipped; an `id` containing NUL is ignored, as the spec requires.
 *
 * @example
 * ```ts
 * const parser = createSseParser({ onEvent: (e) => console.log(e.type, e.data) });
 * for await (const text of readText(body)) parser.push(text);
 * ```
 */
export function createSseParser(handlers: SseParserHandlers, initialLastEventId = ''): SseParser {
  let buffer = '';
  let isFirstChunk = true;
  let skipLeadingLf = false;
  let eventType = '';
  let data: string[] = [];
  let lastEventId = initialLastEventId;

  const dispatch = (): void => {
    if (data.length > 0) {
      handlers.onEvent({ type: eventType || 'message', data: data.join('\n'), lastEventId });
    }
    eventType = '';
    data = [];
  };

  const processLine = (line: string): void => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry?.(Number(value));
        break;
      default:
        break;
    }
  };

  return {
    push(text: string): void {
      if (isFirstChunk && text !== '') {
        isFirstChunk = false;
        if (text.startsWith('\uFEFF')) text = text.slice(1);
      }
      if (skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
      skipLeadingLf = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const char = buffer[i];
        if (char !== '\n' && char !== '\r') continue;
        processLine(buffer.slice(start, i));
        if (char === '\r') {
          if (i + 1 === buffer.length) skipLeadingLf = true;
          else if (buffer[i + 1] === '\n') i++;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    get lastEventId(): string {
      return lastEventId;
    },
  };
}
