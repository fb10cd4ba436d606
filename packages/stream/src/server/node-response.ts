// Streaming helpers for Node's http.ServerResponse: text, NDJSON and event streams.
import type { ServerResponse } from 'node:http';
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

interface NodeStreamPlan<T> {
  headers: Record<string, string>;
  encode: (value: T) => string | Uint8Array;
  end?: string;
  heartbeat?: {
    intervalMs: number | false;
    text: string;
    clock: EventStreamResponseOptions['clock'];
  };
}

/**
 * Writes `source` to `res` with back-pressure, then ends it. Resolves when the stream ended or the
 * client went away (the producer is then stopped); rejects with the producer's error after
 * destroying the response, so the client sees a failed stream instead of a short one.
 */
async function sendStream<T>(
  res: ServerResponse,
  source: StreamSource<T>,
  options: StreamResponseOptions,
  plan: NodeStreamPlan<T>,
): Promise<void> {
  const controller = new AbortController();
  const onClose = (): void => {
    if (!res.writableFinished) controller.abort();
  };
  res.on('close', onClose);
  res.writeHead(options.status ?? 200, { ...plan.headers, ...options.headers });
  res.flushHeaders();
  const write = async (chunk: string | Uint8Array): Promise<void> => {
    if (chunk.length === 0 || res.destroyed) return;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done).on('close', done);
      });
    }
  };
  const stopHeartbeat = plan.heartbeat
    ? startHeartbeat(
        plan.heartbeat.intervalMs,
        () => void write(plan.heartbeat?.text ?? ''),
        plan.heartbeat.clock,
      )
    : () => undefined;
  const lastEventId = readLastEventId(headerValue(res.req?.headers['last-event-id']), res.req?.url);
  try {
    await pumpSource(source, { signal: controller.signal, lastEventId }, (value) =>
      write(plan.encode(value)),
    );
    if (controller.signal.aborted) return;
    if (plan.end) await write(plan.end);
    res.end();
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    stopHeartbeat();
    res.off('close', onClose);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Streams text (or bytes) from `source` as a `text/plain` response.
 *
 * @example
 * ```ts
 * createServer((req, res) => sendTextStream(res, llm.stream(prompt)).catch(console.error));
 * ```
 */
export function sendTextStream(
  res: ServerResponse,
  source: StreamSource<string | Uint8Array>,
  options: StreamResponseOptions = {},
): Promise<void> {
  return sendStream(res, source, options, { headers: textStreamHeaders, encode: (value) => value });
}

/**
 * Streams each value of `source` as one line of newline-delimited JSON.
 *
 * @example
 * ```ts
 * createServer((req, res) => sendNdjsonStream(res, db.rows()).catch(console.error));
 * ```
 */
export function sendNdjsonStream(
  res: ServerResponse,
  source: StreamSource<unknown>,
  options: StreamResponseOptions = {},
): Promise<void> {
  return sendStream(res, source, options, {
    headers: ndjsonStreamHeaders,
    encode: encodeNdjsonLine,
  });
}

/**
 * Streams `source` as Server-Sent Events in the format useEventStream expects: `event: update`,
 * JSON data, `id:` lines, heartbeat comments, and the `</stream>` end signal when it ends.
 *
 * @example
 * ```ts
 * createServer((req, res) =>
 *   sendEventStream(res, async function* ({ lastEventId }) {
 *     for (const job of jobsAfter(lastEventId)) yield { id: job.id, data: job };
 *   }).catch(console.error),
 * );
 * ```
 */
export function sendEventStream(
  res: ServerResponse,
  source: StreamSource<ServerEvent>,
  options: EventStreamResponseOptions = {},
): Promise<void> {
  const encoding = eventStreamEncoding(options);
  return sendStream(res, source, options, {
    headers: { ...eventStreamHeaders, Connection: 'keep-alive' },
    encode: encoding.encode,
    end: encoding.end,
    heartbeat: {
      intervalMs: options.heartbeatMs ?? 15_000,
      text: encoding.heartbeat,
      clock: options.clock,
    },
  });
}
