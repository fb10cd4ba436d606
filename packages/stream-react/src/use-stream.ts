// useStream: binds a @herald/stream StreamObserver to a React component.
import {
  createStreamObserver,
  type StreamBody,
  type StreamOptions,
  type StreamSnapshot,
} from '@herald/stream';
import { useEffect, useState, useSyncExternalStore } from 'react';

/** What `useStream` returns: Laravel's `useStream` result. */
export interface UseStreamResult<
  TJsonData,
  TSendBody extends StreamBody,
> extends StreamSnapshot<TJsonData> {
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
 * request; it is aborted when the last of them unmounts or the page unloads.
 *
 * @example
 * ```tsx
 * const { data, isStreaming, send } = useStream('/chat');
 * return <button onClick={() => send({ message: 'Hi' })}>{isStreaming ? data : 'Send'}</button>;
 * ```
 */
export function useStream<TSendBody extends StreamBody = StreamBody, TJsonData = null>(
  url: string,
  options: StreamOptions<TSendBody> = {},
): UseStreamResult<TJsonData, TSendBody> {
  const [observer] = useState(() => createStreamObserver<TJsonData, TSendBody>(url, options));
  observer.setOptions(url, options);
  const snapshot = useSyncExternalStore(
    observer.subscribe,
    observer.getSnapshot,
    observer.getSnapshot,
  );
  useEffect(() => observer.mount(), [observer]);
  return {
    ...snapshot,
    id: observer.id,
    send: observer.send,
    cancel: observer.cancel,
    clearData: observer.clearData,
  };
}
