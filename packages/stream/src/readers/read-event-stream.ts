// Event-stream reader: yields the Server-Sent Events of a fetched body, for use without a store.
import type { SseEvent } from '../sse/sse-constants';
import { createSseParser } from '../sse/sse-parser';
import { readText } from './read-text';

/**
 * Yields each event of a `text/event-stream` body as it completes.
 *
 * @example
 * ```ts
 * const response = await fetch('/jobs', { method: 'POST', headers, body });
 * for await (const event of readEventStream(response.body!)) console.log(event.type, event.data);
 * ```
 */
export async function* readEventStream(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<SseEvent, void> {
  const pending: SseEvent[] = [];
  const parser = createSseParser({ onEvent: (event) => pending.push(event) });
  for await (const text of readText(body)) {
    parser.push(text);
    yield* pending.splice(0);
  }
}
