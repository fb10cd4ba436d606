// Lease store: a store that holds a channel share exactly while someone subscribes to it.
import type { ChannelLease } from './channel-lease';
import type { ReadableStore } from './store';

/** What a lease store reads from its lease. */
export interface LeaseStoreSource<T> {
  /** Called when the first subscriber takes the lease; returns the cleanup run before release. */
  attach(lease: ChannelLease, notify: () => void): () => void;
  /** The snapshot, from the lease while one is held. Must return the same object while nothing changed. */
  snapshot(lease: ChannelLease | undefined): T;
}

/** A {@link ReadableStore} whose first subscriber acquires a channel and whose last releases it. */
export interface LeaseStore<T> extends ReadableStore<T> {
  /** The lease while subscribed. */
  lease(): ChannelLease | undefined;
}

/**
 * Creates a lease store. Frameworks subscribe only after mount (React's useSyncExternalStore, Vue's
 * onMounted), so rendering, also on a server, acquires nothing; StrictMode's unsubscribe-resubscribe
 * lands inside the registry's deferred leave and costs no frame.
 */
export function createLeaseStore<T>(
  acquire: () => ChannelLease,
  source: LeaseStoreSource<T>,
): LeaseStore<T> {
  const listeners = new Set<() => void>();
  let lease: ChannelLease | undefined;
  let detach: (() => void) | undefined;
  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };
  return {
    subscribe(listener) {
      const entry = (): void => listener();
      listeners.add(entry);
      if (lease === undefined) {
        lease = acquire();
        detach = source.attach(lease, notify);
      }
      return () => {
        if (!listeners.delete(entry) || listeners.size > 0) return;
        // Detached first, while the lease still works: a typing indicator says "stopped" on its way out.
        detach?.();
        detach = undefined;
        const held = lease;
        lease = undefined;
        held?.release();
      };
    },
    getSnapshot: () => source.snapshot(lease),
    lease: () => lease,
  };
}
