// SSE over fetch: any method, headers, body and credentials, and Last-Event-ID sent as a header.
import { connectionLostError, httpStatusError, networkError, StreamError } from '../errors';
import { readText } from '../readers/read-text';
import { EventStreamWire } from '../sse/sse-constants';
import { createSseParser } from '../sse/sse-parser';
import type { EventStreamTransport } from './transport';

/**
 * Creates a transport that reads the event stream with `fetch`.
 *
 * HTTP 204 and 4xx answers (other than 408 and 429) are not retried: the server has said no.
 */
export function createFetchTransport(
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): EventStreamTransport {
  return (request, sink) => {
    const controller = new AbortController();
    const headers: Record<string, string> = {
      Accept: EventStreamWire.ContentType,
      ...request.headers,
    };
    if (request.lastEventId !== '')
      headers[EventStreamWire.LastEventIdHeader] = request.lastEventId;

    const run = async (): Promise<void> => {
      const response = await fetchImpl(request.url, {
        method: request.method,
        headers,
        body: request.body ?? null,
        credentials: request.credentials,
        signal: controller.signal,
        cache: 'no-store',
      }).catch((error: unknown) => {
        throw networkError(error);
      });
      if (response.status === 204) {
        return sink.fail({
          error: new StreamError('http_status', 'The server closed the event stream (204).', {
            status: 204,
          }),
          isRetryable: false,
        });
      }
      if (!response.ok) {
        const isRetryable =
          response.status >= 500 || response.status === 408 || response.status === 429;
        return sink.fail({ error: await httpStatusError(response), isRetryable });
      }
      if (!response.body) {
        return sink.fail({
          error: new StreamError('no_body', 'The response has no readable body.'),
          isRetryable: false,
        });
      }
      sink.open();
      const parser = createSseParser(
        { onEvent: sink.event, onRetry: sink.retry },
        request.lastEventId,
      );
      for await (const text of readText(response.body)) parser.push(text);
      sink.fail({
        error: new StreamError('connection_lost', 'The event stream ended without its end signal.'),
        isRetryable: true,
      });
    };

    run().catch((error: unknown) => {
      if (controller.signal.aborted) return;
      sink.fail({
        error: connectionLostError(error),
        isRetryable: true,
      });
    });
    return () => controller.abort();
  };
}
