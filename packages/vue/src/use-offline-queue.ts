// useOfflineQueue: how many whispers wait for the connection, from the echo's offline queue store.
import { offlineQueueOf } from '@herald/echo';
import { computed, type ComputedRef } from 'vue';
import { useEchoHolder } from './provider';
import { useStore } from './use-store';

/** What {@link useOfflineQueue} returns: the queue's fields as read-only refs. */
export interface UseOfflineQueueResult {
  /** Whispers waiting for their channel to be subscribed again. */
  size: ComputedRef<number>;
  /** Whispers dropped (expired, overflowed, volatile) since the echo was created. */
  droppedCount: ComputedRef<number>;
}

/**
 * The offline queue of the echo, read as `0` on the server and until mounted.
 *
 * @example
 * ```ts
 * const { size } = useOfflineQueue();
 * // <p v-if="size > 0" role="status">Offline: {{ size }} messages will be sent when you reconnect.</p>
 * ```
 */
export function useOfflineQueue(): UseOfflineQueueResult {
  const queue = useStore(offlineQueueOf(useEchoHolder()));
  return {
    size: computed(() => queue.value.size),
    droppedCount: computed(() => queue.value.droppedCount),
  };
}
