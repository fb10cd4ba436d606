// StreamObserver: one component's handle on a shared StreamStore; the whole of useStream's logic.
import { createStreamId } from './browser';
import type { StreamBody, StreamOptions, StreamSnapshot } from './stream-options';
import { claimStream, peekStream, releaseStream } from './stream-registry';
import { StreamStore } from './stream-store';
import type { Listener } from './subscribable';

/** A URL, or a function returning the current one (for reactive sources such as Vue refs). */
export type UrlSource = string | (() => string);

/**
 * What a `useStream` hook binds: `subscribe` / `getSnapshot` for rendering, `mount` for the
 * component's lifetime, and `send` / `cancel` / `clearData` that always use the options given to
 * the latest {@link StreamObserver.setOptions} call.
 *
 * @example
 * ```ts
 * const observer = createStreamObserver('/chat', { onData: console.log });
 * const unmount = observer.mount();
 * observer.send({ message: 'Hi' });
 * ```
 */
export class StreamObserver<TJsonData = unknown, TSendBody extends StreamBody = StreamBody> {
  /** The stream id, sent as `X-STREAM-ID`. */
  readonly id: string;
  /** The options of the latest render; callbacks are read from here when they fire. */
  options: StreamOptions<TSendBody>;
  #url: UrlSource;
  #store: StreamStore<TJsonData>;
  readonly #listeners = new Set<Listener>();
  #stopStore: () => void = () => undefined;

  constructor(url: UrlSource, options: StreamOptions<TSendBody> = {}) {
    this.id = options.id ?? createStreamId();
    this.#url = url;
    this.options = options;
    this.#store = peekStream<TJsonData>(this.id) ?? new StreamStore<TJsonData>(this.id);
  }

  /** Replaces the URL and options; no side effects, so it is safe to call while rendering. */
  setOptions(url: UrlSource, options: StreamOptions<TSendBody>): void {
    this.#url = url;
    this.options = options;
  }

  /** Registers a render listener; returns the function that removes it. */
  readonly subscribe = (listener: Listener): (() => void) => {
    if (this.#listeners.size === 0) this.#stopStore = this.#store.subscribe(this.#notify);
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stopStore();
    };
  };

  /** The shared stream's current state. */
  readonly getSnapshot = (): StreamSnapshot<TJsonData> => this.#store.getSnapshot();

  /**
   * Joins the stream shared under this id and sends `initialInput` if nobody has sent yet; returns
   * the function that leaves it (the request is aborted when the last component leaves).
   */
  readonly mount = (): (() => void) => {
    const store = claimStream(this.id, this.#store);
    if (store !== this.#store) this.#switchStore(store);
    const detach = store.attach(this);
    if (this.options.initialInput && !store.hasStarted) this.send(this.options.initialInput);
    return () => {
      detach();
      releaseStream(store);
    };
  };

  /** Cancels any running request and sends `body` with the current URL and options. */
  readonly send = (body?: TSendBody): void => {
    const url = typeof this.#url === 'function' ? this.#url() : this.#url;
    this.#store.send(url, body, this.options);
  };

  /** Cancels the running request; `onCancel` fires only if one was running. */
  readonly cancel = (): void => this.#store.cancel();

  /** Empties `data` and `jsonData`. */
  readonly clearData = (): void => this.#store.clearData();

  readonly #notify = (): void => {
    for (const listener of [...this.#listeners]) listener();
  };

  #switchStore(store: StreamStore<TJsonData>): void {
    this.#store = store;
    if (this.#listeners.size > 0) {
      this.#stopStore();
      this.#stopStore = store.subscribe(this.#notify);
      this.#notify();
    }
  }
}

/** Creates a {@link StreamObserver}. */
export function createStreamObserver<
  TJsonData = unknown,
  TSendBody extends StreamBody = StreamBody,
>(url: UrlSource, options: StreamOptions<TSendBody> = {}): StreamObserver<TJsonData, TSendBody> {
  return new StreamObserver<TJsonData, TSendBody>(url, options);
}
