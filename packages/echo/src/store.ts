// Store: the framework-free state container behind every @herald/echo store (useSyncExternalStore shape).

/** A read-only store: React binds it with `useSyncExternalStore`, Vue with `shallowRef`. */
export interface ReadableStore<T> {
  /** Calls `listener` after each change; returns the function that removes it. */
  subscribe: (listener: () => void) => () => void;
  /** The current snapshot. Its identity changes only when its content does. */
  getSnapshot: () => T;
}

/** A store its owner can write to. */
export interface WritableStore<T> extends ReadableStore<T> {
  /** Replaces the snapshot with `next(current)`; listeners run only if something changed. */
  update: (next: (current: T) => T) => void;
}

/**
 * Creates a store. `update` notifies only when a shallow comparison finds a changed field, so
 * `getSnapshot()` keeps returning the same object between real changes.
 */
export function createStore<T extends object>(initial: T): WritableStore<T> {
  let snapshot = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => snapshot,
    update(next) {
      const candidate = next(snapshot);
      if (candidate === snapshot || shallowEqual(candidate, snapshot)) return;
      snapshot = Object.freeze(candidate);
      for (const listener of [...listeners]) listener();
    },
  };
}

function shallowEqual<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.is(a[key], b[key]));
}
