// Options and state of useEventStream, matching @laravel/stream-react and -vue plus Herald's retry.
import type { RetryOptions } from './backoff';
import type { Clock } from './clock';
import type { EventSourceConstructor } from './event-source-transport';

/** Options of `useEventStream`: Laravel's, plus transport and retry settings. */
export interface EventStreamOptions {
  /**
   * Event name(s) to listen to.
   * @default 'update'
   */
  eventName?: string | string[];
  /**
   * Data that marks the end of the stream: the connection closes and `onComplete` fires.
   * @default '</stream>'
   */
  endSignal?: string;
  /**
   * String placed between message parts in `message`.
   * @default ' '
   */
  glue?: string;
  /**
   * Keep only the latest message instead of appending.
   * @default false
   */
  replace?: boolean;
  /** Called with each message event received. */
  onMessage?: (event: MessageEvent<string>) => void;
  /** Called once the end signal arrives. */
  onComplete?: () => void;
  /**
   * Called on each connection error; the stream then reconnects with backoff (unless it gave up).
   * The event is an {@link EventStreamErrorEvent} carrying the cause.
   */
  onError?: (error: Event) => void;
  /**
   * `'fetch'` reads the stream with fetch (any method, headers, credentials, exact `Last-Event-ID`);
   * `'eventsource'` uses the browser's `EventSource` (GET only).
   * @default 'fetch'
   */
  transport?: 'fetch' | 'eventsource';
  /**
   * HTTP method (fetch transport).
   * @default 'GET'
   */
  method?: string;
  /**
   * Request headers (fetch transport).
   * @default undefined
   */
  headers?: Record<string, string>;
  /**
   * Request body: strings are sent as they are, objects as JSON (fetch transport).
   * @default undefined
   */
  body?: string | Record<string, unknown>;
  /**
   * Credentials mode; `'include'` sets `withCredentials` on an `EventSource`.
   * @default 'same-origin'
   */
  credentials?: RequestCredentials;
  /**
   * Reconnect settings, or `false` to close on the first error as Laravel's hook does.
   * @default {} (see `retryDefaults`)
   */
  retry?: RetryOptions | false;
  /**
   * Timers for the reconnect delays.
   * @default systemClock
   */
  clock?: Clock;
  /**
   * The `EventSource` to use with the `'eventsource'` transport (e.g. the `eventsource` package in Node).
   * @default globalThis.EventSource
   */
  EventSource?: EventSourceConstructor;
}

/** The state a `useEventStream` component renders. */
export interface EventStreamSnapshot {
  /** Message parts joined with `glue`. */
  message: string;
  /** Every message received (only the latest with `replace`). */
  messageParts: readonly string[];
}

/** Default values of {@link EventStreamOptions}. */
export const eventStreamOptionDefaults = Object.freeze({
  eventName: 'update',
  endSignal: '</stream>',
  glue: ' ',
  replace: false,
  transport: 'fetch' as const,
  method: 'GET',
  credentials: 'same-origin',
});

/** The error event passed to `onError`, with the underlying cause. */
export class EventStreamErrorEvent extends Event {
  /** The `StreamError` or native error event behind this one. */
  readonly error: unknown;
  /** Whether the stream will reconnect. */
  readonly willRetry: boolean;

  constructor(error: unknown, willRetry: boolean) {
    super('error');
    this.error = error;
    this.willRetry = willRetry;
  }
}
