// useOfflineQueue: how many whispers wait for the connection, from the echo's offline queue store.
import { INITIAL_OFFLINE_QUEUE_STATE, offlineQueueOf, type OfflineQueueState } from '@herald/echo';
import { useMemo, useSyncExternalStore } from 'react';
import { useEchoHolder } from './provider';

const initialState = (): OfflineQueueState => INITIAL_OFFLINE_QUEUE_STATE;

/**
 * The offline queue: `size` (whispers waiting for their channel to be subscribed again) and
 * `droppedCount` (expired, overflowed or volatile ones since the echo was created).
 *
 * @example
 * ```tsx
 * const { size } = useOfflineQueue();
 * {size > 0 && <p role="status">Offline: {size} messages will be sent when you reconnect.</p>}
 * ```
 */
export function useOfflineQueue(): OfflineQueueState {
  const holder = useEchoHolder();
  const store = useMemo(() => offlineQueueOf(holder), [holder]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, initialState);
}
