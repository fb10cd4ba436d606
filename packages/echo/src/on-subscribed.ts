// onSubscribed: runs a callback each time a subscription status store turns `subscribed`.
import type { ReadableStore } from './store';
import type { SubscriptionState, SubscriptionStatus } from './subscription-status';

/**
 * Subscribes to `store` (a {@link createSubscriptionStatusStore} store, so this holds the channel)
 * and calls `callback` each time its state turns `subscribed`: in a microtask if the channel is
 * already subscribed, else on the first confirmation, then again on every resubscription after a
 * reconnect. What a page uses to refetch state it may have missed while the channel was down.
 * Returns the function that stops it and gives the channel back.
 *
 * @example
 * ```ts
 * const stop = onSubscribed(createSubscriptionStatusStore(holder, 'orders'), () => void refetch());
 * ```
 */
export function onSubscribed(
  store: ReadableStore<SubscriptionStatus>,
  callback: () => void,
): () => void {
  let previous: SubscriptionState | undefined;
  let isActive = true;
  const check = (): void => {
    const { state } = store.getSnapshot();
    // Every change is notified synchronously, so no down-and-up between two checks goes unseen.
    if (!isActive || state === previous) return;
    previous = state;
    if (state === 'subscribed') callback();
  };
  const unsubscribe = store.subscribe(check);
  // Deferred like the registry's last release: StrictMode's mount-unmount-mount on a channel already
  // live stops the first watch before this runs, so the callback runs once, not twice.
  queueMicrotask(check);
  return () => {
    isActive = false;
    unsubscribe();
  };
}
