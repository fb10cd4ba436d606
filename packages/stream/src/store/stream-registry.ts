// Stream registry: the mounted StreamStores by id, so components passing the same id share one.
import { type StreamStore } from './stream-store';

const mounted = new Map<string, StreamStore<never>>();

/**
 * Returns the store mounted under `id`, or `fallback` after registering it. Only mounted stores are
 * registered, so server rendering and renders that never commit leave nothing behind.
 */
export function claimStream<TJsonData>(
  id: string,
  fallback: StreamStore<TJsonData>,
): StreamStore<TJsonData> {
  const existing = mounted.get(id);
  if (existing) return existing;
  mounted.set(id, fallback as StreamStore<never>);
  return fallback;
}

/** The store mounted under `id`, if any. */
export function peekStream<TJsonData>(id: string): StreamStore<TJsonData> | undefined {
  return mounted.get(id);
}

/**
 * Forgets and aborts `store` once no component is attached. The check waits a microtask, so React
 * StrictMode's unmount-remount keeps the store and its request.
 */
export function releaseStream(store: StreamStore<unknown>): void {
  queueMicrotask(() => {
    if (store.attachedCount > 0 || mounted.get(store.id) !== store) return;
    mounted.delete(store.id);
    store.dispose();
  });
}
