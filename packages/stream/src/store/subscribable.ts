// Subscribable: the tiny external-store contract (subscribe + getSnapshot) every Herald stream store follows.

/** A listener called after the snapshot changed. */
export type Listener = () => void;

/**
 * State holder with an immutable snapshot, bound by React's `useSyncExternalStore` and by Vue's
 * `shallowRef`. A new snapshot object is made on every change and never otherwise.
 */
export class Subscribable<TSnapshot> {
  #snapshot: TSnapshot;
  readonly #listeners = new Set<Listener>();

  constructor(initial: TSnapshot) {
    this.#snapshot = initial;
  }

  /** Registers a listener; returns the function that removes it. */
  readonly subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** The current snapshot; the same object until the next change. */
  readonly getSnapshot = (): TSnapshot => this.#snapshot;

  /** Merges `patch` into a new snapshot and notifies listeners, if anything changed. */
  protected setSnapshot(patch: Partial<TSnapshot>): void {
    const current = this.#snapshot;
    const changed = (Object.keys(patch) as (keyof TSnapshot)[]).some(
      (key) => !Object.is(current[key], patch[key]),
    );
    if (!changed) return;
    this.#snapshot = { ...current, ...patch };
    for (const listener of [...this.#listeners]) listener();
  }
}
