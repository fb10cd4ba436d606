// EventStreamTransport: the seam between the event-stream store and fetch or EventSource.
import type { SseEvent } from '../sse/sse-constants';

/** What the store asks a transport to open. */
export interface TransportRequest {
  url: string;
  /** Event names the store listens to (EventSource needs them up front). */
  eventNames: readonly string[];
  /** The id to resume after, or `''` on the first connection. */
  lastEventId: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  credentials: RequestCredentials;
}

/** Why a connection ended without the end signal. */
export interface TransportFailure {
  error: unknown;
  /** `false` when retrying cannot help (an HTTP 4xx, or 204 No Content: "stop reconnecting"). */
  isRetryable: boolean;
}

/** Receives what one connection produces; calls after `close` are ignored by the store. */
export interface TransportSink {
  open: () => void;
  event: (event: SseEvent) => void;
  retry: (delayMs: number) => void;
  /** The connection ended (server closed, network dropped, HTTP error). */
  fail: (failure: TransportFailure) => void;
}

/** Opens one connection; returns the function that closes it. */
export type EventStreamTransport = (request: TransportRequest, sink: TransportSink) => () => void;
