// useSubscriptionStatus: whether a channel's subscription is pending, live or refused.
import {
  createSubscriptionStatusStore,
  type ChannelVisibility,
  type SubscriptionError,
  type SubscriptionState,
} from '@herald/echo';
import { computed, type ComputedRef } from 'vue';
import { useEchoHolder } from './provider';
import { useStore } from './use-store';

/** What {@link useSubscriptionStatus} returns: the status's fields as read-only refs. */
export interface UseSubscriptionStatusResult {
  /** `subscribing`, `subscribed` or `refused`. */
  state: ComputedRef<SubscriptionState>;
  /** Why, while `state` is `refused`; else `null`. */
  error: ComputedRef<SubscriptionError | null>;
}

/**
 * Holds channel `channelName` (private unless `visibility` says otherwise) while mounted and reads
 * its subscription `state` and, when refused, `error`. Reads `subscribing` on the server.
 *
 * @example
 * ```ts
 * const { state, error } = useSubscriptionStatus(`dm.${pair}`);
 * // <p v-if="state === 'refused'" role="alert">You may not read this ({{ error?.message }}).</p>
 * ```
 */
export function useSubscriptionStatus(
  channelName: string,
  visibility: ChannelVisibility = 'private',
): UseSubscriptionStatusResult {
  const status = useStore(createSubscriptionStatusStore(useEchoHolder(), channelName, visibility));
  return {
    state: computed(() => status.value.state),
    error: computed(() => status.value.error),
  };
}
