// EventStreamStore: one SSE connection with reconnects and message accumulation; useEventStream's logic.
import { EventStreamWire, type SseEvent } from '../sse/sse-constants';
import { Subscribable } from '../store/subscribable';
import { backoffDelayMs } from './backoff';
import { systemClock, type Clock } from './clock';
import { createEventSourceTransport } from './event-source-transport';
import {
  EventStreamErrorEvent,
  eventStreamOptionDefaults as defaults,
  type EventStreamOptions,
  type EventStreamSnapshot,
} from './event-stream-options';
import { createFetchTransport } from './fetch-transport';
import type { TransportFailure, TransportRequest } from './transport';

const emptySnapshot: EventStreamSnapshot = Object.freeze({
  message: '',
  messageParts: Object.freeze([]),
});

/**
 * The state of one event stream and the connection behind it.
 *
 * A dropped connection reconnects after an exponential backoff and resumes after the last event
 * id seen; only the end signal, `close()`, a non-retryable answer or `retry.maxAttempts` stop it.
 *
 * @example
 * ```ts
 * const stream = createEventStream('/progress', { onComplete: () => console.log('done') });
 * stream.subscribe(() => render(stream.getSnapshot().message));
 * const disconnect = stream.connect();
 * ```
 */
export class EventStreamStore extends Subscribable<EventStreamSnapshot> {
  #url: string;
  #options: EventStreamOptions;
  #disconnect: (() => void) | null = null;
  #retryTimer: { clock: Clock; handle: unknown } | undefined;
  #isActive = false;
  #attempt = 0;
  #retryBaseMs: number | undefined;
  #lastEventId = '';
  #pendingRelease: { key: string } | undefined;

  constructor(url: string, options: EventStreamOptions = {}) {
    super(emptySnapshot);
    this.#url = url;
    this.#options = options;
  }

  /** Replaces the URL and options; no side effects, so it is safe to call while rendering. */
  setOptions(url: string, options: EventStreamOptions): void {
    this.#url = url;
    this.#options = options;
  }

  /** What identifies a connection: a change means reconnecting (URL, event names, transport). */
  get connectionKey(): string {
    return JSON.stringify([
      this.#url,
      this.#eventNames(),
      this.#options.transport ?? defaults.transport,
    ]);
  }

  /** Starts a fresh connection (clearing messages); returns the function that closes it. */
  readonly connect = (): (() => void) => {
    const pending = this.#pendingRelease;
    this.#pendingRelease = undefined;
    // Reconnecting to the same stream right after a release (React StrictMode's effect replay)
    // keeps the open connection instead of opening a second one.
    if (!pending || pending.key !== this.connectionKey || !this.#isActive) {
      this.close(true);
      this.#isActive = true;
      this.#attempt = 0;
      this.#retryBaseMs = undefined;
      this.#lastEventId = '';
      this.#open();
    }
    const release = { key: this.connectionKey };
    return () => {
      this.#pendingRelease = release;
      queueMicrotask(() => {
        if (this.#pendingRelease !== release) return;
        this.#pendingRelease = undefined;
        this.close();
      });
    };
  };

  /** Closes the connection and stops reconnecting; `resetMessage` also clears the messages. */
  readonly close = (resetMessage = false): void => {
    this.#isActive = false;
    this.#retryTimer?.clock.clearTimeout(this.#retryTimer.handle);
    this.#retryTimer = undefined;
    this.#disconnect?.();
    this.#disconnect = null;
    if (resetMessage) this.clearMessage();
  };

  /** Empties `message` and `messageParts`. */
  readonly clearMessage = (): void => this.setSnapshot(emptySnapshot);

  #eventNames(): string[] {
    const name = this.#options.eventName ?? defaults.eventName;
    return Array.isArray(name) ? name : [name];
  }

  #open(): void {
    const options = this.#options;
    const transport =
      (options.transport ?? defaults.transport) === 'eventsource'
        ? createEventSourceTransport(options.EventSource)
        : createFetchTransport();
    const body = typeof options.body === 'object' ? JSON.stringify(options.body) : options.body;
    const request: TransportRequest = {
      url: this.#url,
      eventNames: this.#eventNames(),
      lastEventId: this.#lastEventId,
      method: options.method ?? defaults.method,
      headers: {
        ...(typeof options.body === 'object' ? { 'Content-Type': 'application/json' } : {}),
        ...options.headers,
      },
      body,
      credentials: options.credentials ?? defaults.credentials,
    };
    let isCurrent = true;
    const guard =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A): void => {
        if (isCurrent && this.#isActive) fn(...args);
      };
    const disconnect = transport(request, {
      open: guard(() => {
        this.#attempt = 0;
      }),
      event: guard((event) => this.#onEvent(event)),
      retry: guard((delayMs) => {
        this.#retryBaseMs = delayMs;
      }),
      fail: guard((failure) => {
        isCurrent = false;
        this.#onFailure(failure);
      }),
    });
    this.#disconnect = () => {
      isCurrent = false;
      disconnect();
    };
  }

  #onEvent(event: SseEvent): void {
    this.#lastEventId = event.lastEventId;
    if (!this.#eventNames().includes(event.type)) return;
    const {
      endSignal = defaults.endSignal,
      glue = defaults.glue,
      replace = defaults.replace,
    } = this.#options;
    if (event.data === endSignal || event.data === `${EventStreamWire.DataPrefix}${endSignal}`) {
      this.close();
      this.#options.onComplete?.();
      return;
    }
    const part = event.data.startsWith(EventStreamWire.DataPrefix)
      ? event.data.slice(EventStreamWire.DataPrefix.length)
      : event.data;
    const messageParts = replace ? [part] : [...this.getSnapshot().messageParts, part];
    this.setSnapshot({ messageParts, message: messageParts.join(glue) });
    this.#options.onMessage?.(
      new MessageEvent(event.type, { data: event.data, lastEventId: event.lastEventId }),
    );
  }

  #onFailure(failure: TransportFailure): void {
    this.#disconnect = null;
    const retry = this.#options.retry ?? {};
    const maxAttempts = retry === false ? 0 : (retry.maxAttempts ?? Number.POSITIVE_INFINITY);
    const willRetry = failure.isRetryable && this.#attempt < maxAttempts;
    this.#options.onError?.(new EventStreamErrorEvent(failure.error, willRetry));
    if (!willRetry || !this.#isActive || retry === false) {
      this.close();
      return;
    }
    const base =
      this.#retryBaseMs === undefined ? retry : { ...retry, initialDelayMs: this.#retryBaseMs };
    const delayMs = backoffDelayMs(this.#attempt, base);
    this.#attempt += 1;
    const clock = this.#options.clock ?? systemClock;
    const handle = clock.setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#isActive) this.#open();
    }, delayMs);
    this.#retryTimer = { clock, handle };
  }
}

/** Creates an {@link EventStreamStore}. */
export function createEventStream(url: string, options: EventStreamOptions = {}): EventStreamStore {
  return new EventStreamStore(url, options);
}
