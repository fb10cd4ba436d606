// Encodes events in the text/event-stream format the useEventStream hooks read.
import { EventStreamWire } from './sse-constants';

/** One event a server producer yields. */
export interface ServerEvent {
  /** Payload: strings are sent as they are, anything else as JSON. */
  data: unknown;
  /**
   * Event name.
   * @default 'update'
   */
  event?: string;
  /** Event id; a reconnecting client sends the last one back as `Last-Event-ID`. */
  id?: string | number;
  /** Reconnection delay to ask the client for, in milliseconds. */
  retryMs?: number;
}

/**
 * Encodes one event as SSE text, ending with the blank line that dispatches it.
 *
 * Multi-line data becomes one `data:` line per line, so the client rebuilds it exactly.
 *
 * @example
 * ```ts
 * encodeServerEvent({ data: { progress: 50 }, id: 7 }); // 'event: update\nid: 7\ndata: {"progress":50}\n\n'
 * ```
 */
export function encodeServerEvent(
  event: ServerEvent,
  defaultEventName: string = EventStreamWire.DefaultEventName,
): string {
  const name = event.event ?? defaultEventName;
  assertSingleLine('event', name);
  let text = `event: ${name}\n`;
  if (event.id !== undefined) {
    const id = String(event.id);
    assertSingleLine('id', id);
    text += `id: ${id}\n`;
  }
  if (event.retryMs !== undefined) text += `retry: ${Math.max(0, Math.floor(event.retryMs))}\n`;
  const data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
  for (const line of (data ?? 'null').split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return `${text}\n`;
}

/** Encodes a comment line, used as a heartbeat that keeps proxies from closing an idle stream. */
export function encodeComment(comment = 'heartbeat'): string {
  return `: ${comment.replace(/[\r\n]+/g, ' ')}\n\n`;
}

function assertSingleLine(field: string, value: string): void {
  if (/[\r\n]/.test(value) || value.includes('\0')) {
    throw new TypeError(
      `Server event ${field} ${JSON.stringify(value)} must be one line without NUL; put multi-line text in data.`,
    );
  }
}
