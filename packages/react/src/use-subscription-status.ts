// useSubscriptionStatus: whether a channel's subscription is pending, live or refused.
import {
  createSubscriptionStatusStore,
  INITIAL_SUBSCRIPTION_STATUS,
  type ChannelVisibility,
  type SubscriptionStatus,
} from '@herald/echo';
import { useMemo, useSyncExternalStore } from 'react';
import { useEchoHolder } from './provider';

const initialStatus = (): SubscriptionStatus => INITIAL_SUBSCRIPTION_STATUS;

/**
 * Holds channel `channelName` (private unless `visibility` says otherwise) while mounted and returns
 * its subscription `state` (`subscribing`, `subscribed`, `refused`) and, when refused, `error`.
 *
 * @example
 * ```tsx
 * const { state, error } = useSubscriptionStatus(`dm.${pair}`);
 * {state === 'refused' && <p role="alert">You may not read this conversation ({error?.message}).</p>}
 * ```
 */
export function useSubscriptionStatus(
  channelName: string,
  visibility: ChannelVisibility = 'private',
): SubscriptionStatus {
  const holder = useEchoHolder();
  const store = useMemo(
    () => createSubscriptionStatusStore(holder, channelName, visibility),
    [holder, channelName, visibility],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot, initialStatus);
}
