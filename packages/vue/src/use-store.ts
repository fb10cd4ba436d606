// useStore: the Vue binding of a @herald/echo store, a shallowRef live from mount to scope disposal.
import type { ReadableStore } from '@herald/echo';
import { shallowRef, type ShallowRef } from 'vue';
import { onClientMount } from './on-client-mount';

/**
 * Mirrors `store` into a shallowRef. It subscribes only once mounted, because subscribing is what
 * connects the echo or joins a channel; a server render reads the initial snapshot and nothing else.
 */
export function useStore<T>(store: ReadableStore<T>): Readonly<ShallowRef<T>> {
  const state = shallowRef(store.getSnapshot());
  onClientMount(() => {
    const unsubscribe = store.subscribe(() => {
      state.value = store.getSnapshot();
    });
    state.value = store.getSnapshot();
    return unsubscribe;
  });
  return state;
}
