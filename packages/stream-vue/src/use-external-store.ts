// The Vue binding of a @herald/stream store: a shallowRef of its snapshot, live from mount to scope disposal.
import { onMounted, onScopeDispose, shallowRef, type ShallowRef } from 'vue';

/** The parts of a @herald/stream store a composable binds. */
export interface ExternalStore<TSnapshot> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): TSnapshot;
}

/**
 * Mirrors `store` into a shallowRef and runs `start` once mounted (never during server rendering);
 * the subscription and whatever `start` returns end with the component's scope.
 */
export function useExternalStore<TSnapshot>(
  store: ExternalStore<TSnapshot>,
  start: () => () => void,
): ShallowRef<TSnapshot> {
  const state = shallowRef(store.getSnapshot());
  let stop: (() => void) | undefined;
  onMounted(() => {
    const unsubscribe = store.subscribe(() => {
      state.value = store.getSnapshot();
    });
    const end = start();
    state.value = store.getSnapshot();
    stop = () => {
      unsubscribe();
      end();
    };
  });
  onScopeDispose(() => stop?.());
  return state;
}
