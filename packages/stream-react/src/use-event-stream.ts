// useEventStream: binds a @herald/stream EventStreamStore to a React component.
import { createEventStream, type EventStreamOptions } from '@herald/stream';
import { useEffect, useState, useSyncExternalStore } from 'react';

/** What `useEventStream` returns: Laravel's `useEventStream` result. */
export interface EventStreamResult {
  /** Message parts joined with `glue`. */
  message: string;
  /** Every message received (only the latest with `replace`). */
  messageParts: readonly string[];
  /** Closes the connection and stops reconnecting; `true` also clears the messages. */
  close: (resetMessage?: boolean) => void;
  /** Empties `message` and `messageParts`. */
  clearMessage: () => void;
}

/**
 * Listens to Server-Sent Events, reconnecting with backoff and resuming after the last event id;
 * reconnects from scratch when the URL or event names change.
 *
 * @example
 * ```tsx
 * const { message } = useEventStream('/progress', { onComplete: () => toast('Done') });
 * ```
 */
export function useEventStream(url: string, options: EventStreamOptions = {}): EventStreamResult {
  const [store] = useState(() => createEventStream(url, options));
  store.setOptions(url, options);
  const { message, messageParts } = useSyncExternalStore(
    store.subscribe,
    store.getSnapshot,
    store.getSnapshot,
  );
  useEffect(() => store.connect(), [store, store.connectionKey]);
  return { message, messageParts, close: store.close, clearMessage: store.clearMessage };
}
