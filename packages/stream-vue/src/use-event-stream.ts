// useEventStream: binds a @herald/stream EventStreamStore to a Vue component.
import { createEventStream, type EventStreamOptions } from '@herald/stream';
import { computed, toValue, watch, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import { useExternalStore } from './use-external-store';

/** What `useEventStream` returns: Laravel's `useEventStream` result, as read-only refs. */
export interface EventStreamResult {
  /** Message parts joined with `glue`. */
  message: ComputedRef<string>;
  /** Every message received (only the latest with `replace`). */
  messageParts: ComputedRef<readonly string[]>;
  /** Closes the connection and stops reconnecting; `true` also clears the messages. */
  close: (resetMessage?: boolean) => void;
  /** Empties `message` and `messageParts`. */
  clearMessage: () => void;
}

/**
 * Listens to Server-Sent Events, reconnecting with backoff and resuming after the last event id;
 * reconnects from scratch when `url` (a string, ref or getter) changes.
 *
 * @example
 * ```ts
 * const { message } = useEventStream('/progress', { onComplete: () => console.log('done') });
 * ```
 */
export function useEventStream(
  url: MaybeRefOrGetter<string>,
  options: EventStreamOptions = {},
): EventStreamResult {
  const store = createEventStream(toValue(url), options);
  let disconnect: (() => void) | undefined;
  const connect = (): (() => void) => {
    disconnect = store.connect();
    return () => disconnect?.();
  };
  const state = useExternalStore(store, connect);
  watch(
    () => toValue(url),
    (next) => {
      store.setOptions(next, options);
      if (disconnect) connect();
    },
  );
  return {
    message: computed(() => state.value.message),
    messageParts: computed(() => state.value.messageParts),
    close: store.close,
    clearMessage: store.clearMessage,
  };
}
