// onClientMount: runs `start` once mounted (never during server rendering) and its cleanup with the scope.
import { getCurrentInstance, onMounted, onScopeDispose } from 'vue';

/**
 * Runs `start` in `onMounted`, or at once outside a component (an `effectScope` in the browser),
 * and what it returns when the current scope is disposed.
 */
export function onClientMount(start: () => () => void): void {
  let stop: (() => void) | undefined;
  if (getCurrentInstance() === null) stop = start();
  else
    onMounted(() => {
      stop = start();
    });
  onScopeDispose(() => {
    stop?.();
    stop = undefined;
  });
}
