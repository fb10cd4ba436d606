// StreamStore: one streamed POST request and its state, shared by every component using its id.
import {
  connectionLostError,
  httpStatusError,
  networkError,
  StreamError,
  toStreamError,
} from '../errors';
import { parseJson } from '../readers/read-json';
import { readText } from '../readers/read-text';
import { onPageUnload, readCsrfMeta } from './browser';
import {
  idleStreamSnapshot,
  StreamHeader,
  streamOptionDefaults,
  type StreamBody,
  type StreamOptions,
  type StreamSnapshot,
} from './stream-options';
import { Subscribable } from './subscribable';

/** Whoever's callbacks the store calls: each component's current options. */
export interface StreamCallbackSource {
  readonly options: StreamOptions;
}

type CallbackName = 'onResponse' | 'onData' | 'onCancel' | 'onFinish' | 'onError';

/**
 * The state of one stream id and the request behind it.
 *
 * `send` and `cancel` take the URL and options at call time, so a caller always acts with its
 * current ones; callbacks go to every attached component's current options.
 */
export class StreamStore<TJsonData = unknown> extends Subscribable<StreamSnapshot<TJsonData>> {
  readonly id: string;
  readonly #sources = new Set<StreamCallbackSource>();
  #controller: AbortController | null = null;
  #stopUnloadListener: () => void = () => undefined;
  #hasStarted = false;

  constructor(id: string) {
    super(idleStreamSnapshot);
    this.id = id;
  }

  /** Whether a request was ever sent for this id. */
  get hasStarted(): boolean {
    return this.#hasStarted;
  }

  /** Whether a request is in flight (fetching or streaming). */
  get isRunning(): boolean {
    const { isFetching, isStreaming } = this.getSnapshot();
    return isFetching || isStreaming;
  }

  /** Adds a component whose callbacks are called; returns the function that removes it. */
  attach(source: StreamCallbackSource): () => void {
    this.#sources.add(source);
    return () => {
      this.#sources.delete(source);
    };
  }

  /** Number of attached components. */
  get attachedCount(): number {
    return this.#sources.size;
  }

  /**
   * Cancels any running request, clears the data and POSTs `body` as JSON to `url`.
   */
  send(url: string, body: StreamBody | undefined, options: StreamOptions): void {
    this.cancel();
    let request: RequestInit = {
      method: 'POST',
      headers: this.#headers(options),
      body: JSON.stringify(body ?? {}),
      credentials: options.credentials ?? streamOptionDefaults.credentials,
    };
    for (const source of [...this.#sources]) {
      const result = source.options.onBeforeSend?.(request);
      if (result === false) return;
      if (result !== null && typeof result === 'object') request = result;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.#hasStarted = true;
    this.#stopUnloadListener = onPageUnload(() => this.cancel());
    this.setSnapshot({ data: '', jsonData: null, isFetching: true, isStreaming: false });
    void this.#run(
      url,
      { ...request, signal: controller.signal },
      controller,
      options.json ?? false,
    );
  }

  /** Aborts the running request; `onCancel` fires only if one was running. */
  cancel(): void {
    const wasRunning = this.isRunning;
    this.#abort();
    if (!wasRunning) return;
    this.setSnapshot({ isFetching: false, isStreaming: false });
    this.#emit('onCancel');
  }

  /** Aborts the running request without calling anyone: the last component has gone. */
  dispose(): void {
    this.#abort();
    this.setSnapshot({ isFetching: false, isStreaming: false });
  }

  /** Empties `data` and `jsonData`. */
  clearData(): void {
    this.setSnapshot({ data: '', jsonData: null });
  }

  #abort(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#stopUnloadListener();
  }

  #headers(options: StreamOptions): Record<string, string> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      [StreamHeader.StreamId]: this.id,
    };
    const csrfToken = options.csrfToken ?? readCsrfMeta();
    if (csrfToken) headers[StreamHeader.CsrfToken] = csrfToken;
    return { ...headers, ...options.headers };
  }

  async #run(
    url: string,
    request: RequestInit,
    controller: AbortController,
    isJson: boolean,
  ): Promise<void> {
    const isCurrent = (): boolean => this.#controller === controller && !controller.signal.aborted;
    try {
      const response = await fetch(url, request).catch((error: unknown) => {
        throw networkError(error);
      });
      if (!isCurrent()) return;
      if (!response.ok) throw await httpStatusError(response);
      if (!response.body) throw new StreamError('no_body', 'The response has no readable body.');
      this.#emit('onResponse', response);
      this.setSnapshot({ isFetching: false, isStreaming: true });
      let data = '';
      try {
        for await (const chunk of readText(response.body)) {
          if (!isCurrent()) return;
          data += chunk;
          this.setSnapshot({ data });
          this.#emit('onData', chunk);
        }
      } catch (error) {
        throw connectionLostError(error);
      }
      if (!isCurrent()) return;
      this.#finish();
      let jsonData: TJsonData | null = null;
      if (isJson) {
        try {
          jsonData = parseJson<TJsonData>(data);
        } catch (error) {
          this.#emit('onError', toStreamError(error));
        }
      }
      this.setSnapshot({ isStreaming: false, jsonData });
      this.#emit('onFinish');
    } catch (error) {
      if (!isCurrent()) return;
      this.#finish();
      this.setSnapshot({ isFetching: false, isStreaming: false });
      this.#emit('onError', toStreamError(error));
      this.#emit('onFinish');
    }
  }

  #finish(): void {
    this.#controller = null;
    this.#stopUnloadListener();
  }

  #emit(name: CallbackName, ...args: unknown[]): void {
    for (const source of [...this.#sources]) {
      const callback = source.options[name] as ((...a: unknown[]) => void) | undefined;
      callback?.(...args);
    }
  }
}
