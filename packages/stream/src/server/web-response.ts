// Streaming helpers that return a web-standard Response (Bun, Deno, edge runtimes, Node's fetch servers).
import type { ServerEvent } from '../sse/sse-encoder';
import { startHeartbeat } from './heartbeat';
import {
  encodeNdjsonLine,
  eventStreamEncoding,
  eventStreamHeaders,
  ndjsonStreamHeaders,
  readLastEventId,
  textStreamHeaders,
  type EventStreamResponseOptions,
  type StreamResponseOptions,
} from './response-format';
import { pumpSource, type StreamSource } from './stream-source';

/** Options of the web helpers: the request tells when the client goes away and where it resumes. */
export interface WebStreamOptions extends StreamResponseOptions {
  /** The incoming request: its `signal` stops the producer, its `Last-Event-ID` is passed on. */
  request?: Request;
}

interface WebStreamPlan<T> {
  headers: Record<string, string>;
  encode: (value: T) => string | Uint8Array;
  end?: string;
  heartbeat?: {
    intervalMs: number | false;
    text: string;
    clock: EventStreamResponseOptions['clock'];
  };
}

function createStreamResponse<T>(
  source: StreamSource<T>,
  options: WebStreamOptions,
  plan: WebStreamPlan<T>,
): Response {
  const controller = new AbortController();
  const encoder = new TextEncoder();
  const request = options.request;
  request?.signal.addEventListener('abort', () => controller.abort(), { once: true });
  let wakePull: () => void = () => undefined;
  let stopHeartbeat: () => void = () => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(stream) {
      const enqueue = async (chunk: string | Uint8Array): Promise<void> => {
        if (controller.signal.aborted || chunk.length === 0) return;
        stream.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
        // Back-pressure: wait for the reader to pull before producing more.
        if ((stream.desiredSize ?? 1) <= 0)
          await new Promise<void>((resolve) => (wakePull = resolve));
      };
      if (plan.heartbeat) {
        const { text } = plan.heartbeat;
        stopHeartbeat = startHeartbeat(
          plan.heartbeat.intervalMs,
          () => void enqueue(text),
          plan.heartbeat.clock,
        );
      }
      const context = {
        signal: controller.signal,
        lastEventId: readLastEventId(request?.headers.get('last-event-id'), request?.url),
      };
      pumpSource(source, context, (value) => enqueue(plan.encode(value)))
        .then(async () => {
          if (controller.signal.aborted) return;
          if (plan.end) await enqueue(plan.end);
          stream.close();
        })
        .catch((error: unknown) => stream.error(error))
        .finally(() => stopHeartbeat());
    },
    pull() {
      wakePull();
    },
    cancel() {
      controller.abort();
      wakePull();
      stopHeartbeat();
    },
  });
  return new Response(body, {
    status: options.status ?? 200,
    headers: { ...plan.headers, ...options.headers },
  });
}

/**
 * A `text/plain` Response streaming `source`.
 *
 * @example
 * ```ts
 * Bun.serve({ fetch: (request) => createTextStreamResponse(llm.stream(prompt), { request }) });
 * ```
 */
export function createTextStreamResponse(
  source: StreamSource<string | Uint8Array>,
  options: WebStreamOptions = {},
): Response {
  return createStreamResponse(source, options, {
    headers: textStreamHeaders,
    encode: (value) => value,
  });
}

/**
 * An NDJSON Response: one JSON line per value of `source`.
 *
 * @example
 * ```ts
 * export const GET = (request: Request) => createNdjsonStreamResponse(rows(), { request });
 * ```
 */
export function createNdjsonStreamResponse(
  source: StreamSource<unknown>,
  options: WebStreamOptions = {},
): Response {
  return createStreamResponse(source, options, {
    headers: ndjsonStreamHeaders,
    encode: encodeNdjsonLine,
  });
}

/**
 * An event-stream Response in the format useEventStream expects (see `sendEventStream`).
 *
 * @example
 * ```ts
 * export const GET = (request: Request) =>
 *   createEventStreamResponse(async function* ({ lastEventId }) { yield { id: 1, data: 'hi' }; }, { request });
 * ```
 */
export function createEventStreamResponse(
  source: StreamSource<ServerEvent>,
  options: WebStreamOptions & EventStreamResponseOptions = {},
): Response {
  const encoding = eventStreamEncoding(options);
  return createStreamResponse(source, options, {
    headers: eventStreamHeaders,
    encode: encoding.encode,
    end: encoding.end,
    heartbeat: {
      intervalMs: options.heartbeatMs ?? 15_000,
      text: encoding.heartbeat,
      clock: options.clock,
    },
  });
}
