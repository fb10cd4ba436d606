// The three response formats (text, NDJSON, event stream): headers and how values become text.
import { encodeComment, encodeServerEvent, type ServerEvent } from '../sse/sse-encoder';
import { EventStreamWire } from '../sse/sse-constants';
import type { Clock } from '../event-stream/clock';

/** Options shared by every streaming helper. */
export interface StreamResponseOptions {
  /**
   * HTTP status.
   * @default 200
   */
  status?: number;
  /**
   * Extra response headers, merged over the format's defaults.
   * @default undefined
   */
  headers?: Record<string, string>;
}

/** Options of the event-stream helpers. */
export interface EventStreamResponseOptions extends StreamResponseOptions {
  /**
   * Event name for events that name none.
   * @default 'update'
   */
  eventName?: string;
  /**
   * Data of the final event sent when the producer ends, or `false` to send none.
   * @default '</stream>'
   */
  endSignal?: string | false;
  /**
   * Interval of heartbeat comments that keep proxies from closing an idle stream, or `false`.
   * @default 15000
   */
  heartbeatMs?: number | false;
  /**
   * Timers for the heartbeat.
   * @default systemClock
   */
  clock?: Clock;
}

/** Default values of {@link EventStreamResponseOptions}. */
export const eventStreamResponseDefaults = Object.freeze({
  status: 200,
  eventName: EventStreamWire.DefaultEventName,
  endSignal: EventStreamWire.EndSignal,
  heartbeatMs: 15_000,
});

// no-cache and X-Accel-Buffering: no keep caches and nginx from holding chunks back.
const noBuffering = { 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' };

/** Headers of a streamed text response. */
export const textStreamHeaders = Object.freeze({
  'Content-Type': 'text/plain; charset=utf-8',
  ...noBuffering,
});

/** Headers of an NDJSON response. */
export const ndjsonStreamHeaders = Object.freeze({
  'Content-Type': 'application/x-ndjson; charset=utf-8',
  ...noBuffering,
});

/** Headers of an event-stream response. */
export const eventStreamHeaders = Object.freeze({
  'Content-Type': `${EventStreamWire.ContentType}; charset=utf-8`,
  ...noBuffering,
});

/** Encodes one NDJSON line. */
export function encodeNdjsonLine(value: unknown): string {
  return `${JSON.stringify(value) ?? 'null'}\n`;
}

/** Encodes the values and framing of an event stream under `options`. */
export function eventStreamEncoding(options: EventStreamResponseOptions): {
  encode: (event: ServerEvent) => string;
  end: string;
  heartbeat: string;
} {
  const eventName = options.eventName ?? eventStreamResponseDefaults.eventName;
  const endSignal = options.endSignal ?? eventStreamResponseDefaults.endSignal;
  return {
    encode: (event) => encodeServerEvent(event, eventName),
    end: endSignal === false ? '' : encodeServerEvent({ data: endSignal }, eventName),
    heartbeat: encodeComment(),
  };
}

/** Reads the id a client resumes after: the `Last-Event-ID` header, else the `lastEventId` query. */
export function readLastEventId(
  header: string | null | undefined,
  url: string | undefined,
): string | null {
  if (header) return header;
  if (!url) return null;
  return new URL(url, 'http://localhost').searchParams.get(EventStreamWire.LastEventIdParam);
}
