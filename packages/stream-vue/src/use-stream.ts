// useStream: binds a @herald/stream StreamObserver to a Vue component.
import { createStreamObserver, type StreamBody, type StreamOptions } from '@herald/stream';
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import { useExternalStore } from './use-external-store';

/** What `useStream` returns: Laravel's `useStream` result, as read-only refs. */
export interface UseStreamResult<TJsonData, TSendBody extends StreamBody> {
  /** All text received so far. */
  data: ComputedRef<string>;
  /** The response parsed as JSON once it ended (with `json: true`), else `null`. */
  jsonData: ComputedRef<TJsonData | null>;
  /** The request is sent and no response has arrived yet. */
  isFetching: ComputedRef<boolean>;
  /** The response is arriving. */
  isStreaming: ComputedRef<boolean>;
  /** The stream id, sent as `X-STREAM-ID`. */
  id: string;
  /** Cancels any running request and POSTs `body` with the current URL and options. */
  send: (body?: TSendBody) => void;
  /** Cancels the running request (`onCancel` fires only if one was running). */
  cancel: () => void;
  /** Empties `data` and `jsonData`. */
  clearData: () => void;
}

/**
 * Streams a POST response into `data` as it arrives. Components passing the same `id` share one
 * request; it is aborted when the last of them unmounts or the page unloads. `url` may be a ref.
 *
 * @example
 * ```ts
 * const { data, isStreaming, send } = useStream('/chat');
 * send({ message: 'Hi' });
 * ```
 */
export function useStream<TJsonData = null, TSendBody extends StreamBody = StreamBody>(
  url: MaybeRefOrGetter<string>,
  options: StreamOptions<TSendBody> = {},
): UseStreamResult<TJsonData, TSendBody> {
  const observer = createStreamObserver<TJsonData, TSendBody>(() => toValue(url), options);
  const state = useExternalStore(observer, observer.mount);
  return {
    data: computed(() => state.value.data),
    jsonData: computed(() => state.value.jsonData),
    isFetching: computed(() => state.value.isFetching),
    isStreaming: computed(() => state.value.isStreaming),
    id: observer.id,
    send: observer.send,
    cancel: observer.cancel,
    clearData: observer.clearData,
  };
}
