// SSE over the browser's EventSource (GET only), reopened by the store so backoff stays in one place.
import { EventStreamWire } from '../sse/sse-constants';
import type { EventStreamTransport } from './transport';

/** The parts of the `EventSource` constructor the transport uses. */
export interface EventSourceConstructor {
  new (url: string, init?: { withCredentials?: boolean }): EventSourceLike;
}

/** The parts of an `EventSource` the transport uses. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

/**
 * Creates a transport on `EventSource`.
 *
 * The browser's own reconnect is cut short (the source is closed on its first error) so the store
 * applies its backoff. A new `EventSource` cannot set `Last-Event-ID`, so a reconnect adds the
 * `lastEventId` query parameter instead, which Herald's server helpers read as well as the header.
 */
export function createEventSourceTransport(
  EventSourceImpl: EventSourceConstructor | undefined = globalThis.EventSource,
): EventStreamTransport {
  return (request, sink) => {
    if (!EventSourceImpl) {
      throw new TypeError(
        "EventSource is not available here: pass { transport: 'fetch' } or an EventSource implementation.",
      );
    }
    let url = request.url;
    if (request.lastEventId !== '') {
      const resolved = new URL(url, globalThis.location?.href ?? 'http://localhost');
      resolved.searchParams.set(EventStreamWire.LastEventIdParam, request.lastEventId);
      url = isAbsolute(url) ? resolved.href : resolved.pathname + resolved.search + resolved.hash;
    }
    const source = new EventSourceImpl(url, { withCredentials: request.credentials === 'include' });
    for (const name of request.eventNames) {
      source.addEventListener(name, (event) =>
        sink.event({ type: event.type, data: event.data, lastEventId: event.lastEventId }),
      );
    }
    source.onopen = () => sink.open();
    source.onerror = (error) => {
      source.close();
      sink.fail({ error, isRetryable: true });
    };
    return () => source.close();
  };
}

function isAbsolute(url: string): boolean {
  return /^[a-z][a-z\d+.-]*:/i.test(url);
}
