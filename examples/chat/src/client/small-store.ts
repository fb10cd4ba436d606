// A tiny external store for the page's own state (outbox, direct messages), bound with useSyncExternalStore.
import { useSyncExternalStore } from 'react';

export interface SmallStore<T> {
  get: () => T;
  set: (update: (value: T) => T) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createSmallStore<T>(initial: T): SmallStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(update) {
      const next = update(value);
      if (next === value) return;
      value = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useSmallStore<T>(store: SmallStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
