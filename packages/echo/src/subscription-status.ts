// Subscription status: whether one channel's subscription is pending, live or refused, as a store.
import type { ChannelKind } from './channel-name';
import type { EchoHolder } from './echo-holder';
import { createLeaseStore, type LeaseStore } from './lease-store';

/** pusher-js's channel events for the outcome of a subscription. */
const SUBSCRIPTION_SUCCEEDED = 'pusher:subscription_succeeded';
const SUBSCRIPTION_ERROR = 'pusher:subscription_error';
/** pusher-js connection states after which a live subscription is no longer live. */
const DOWN_STATES = ['connecting', 'unavailable', 'disconnected', 'failed'] as const;

/**
 * - `subscribing`: asked for (or asking again after a reconnect), no answer yet.
 * - `subscribed`: the server confirmed the subscription.
 * - `refused`: the auth endpoint (or the server) refused it; `error` says why. The connection and
 *   every other channel are unaffected; pusher-js asks again after the next reconnect.
 */
export type SubscriptionState = 'subscribing' | 'subscribed' | 'refused';

/** Why a subscription was refused. */
export interface SubscriptionError {
  readonly message: string;
  /** The auth endpoint's HTTP status when pusher-js reports it, else `null` (see the message). */
  readonly status: number | null;
}

/** One snapshot of a subscription status store. */
export interface SubscriptionStatus {
  readonly state: SubscriptionState;
  /** Set while `state` is `refused`. */
  readonly error: SubscriptionError | null;
}

/** The status before an answer (and on the server, and while nobody holds the channel). */
export const INITIAL_SUBSCRIPTION_STATUS: SubscriptionStatus = Object.freeze({
  state: 'subscribing',
  error: null,
});
const SUBSCRIBED: SubscriptionStatus = Object.freeze({ state: 'subscribed', error: null });

interface ChannelEventsLike {
  readonly subscribed: boolean;
  bind(event: string, fn: (data: never) => void): unknown;
  unbind(event: string, fn: (data: never) => void): unknown;
}

/**
 * The subscription status of channel `name` of `kind` (no prefix): the first subscriber takes a
 * share of the channel, the last gives it back. What a page reads to show "you may not read this"
 * when `/broadcasting/auth` answers 403, without binding pusher-js's wire event names itself.
 */
export function createSubscriptionStatusStore(
  holder: EchoHolder,
  name: string,
  kind: ChannelKind = 'private',
): LeaseStore<SubscriptionStatus> {
  let status = INITIAL_SUBSCRIPTION_STATUS;
  return createLeaseStore(() => holder.get().channels.acquire(name, kind), {
    attach(lease, notify) {
      const { pusher } = holder.get();
      const channel = pusher.channel(lease.name) as ChannelEventsLike | undefined;
      const set = (next: SubscriptionStatus): void => {
        if (next === status) return;
        status = next;
        notify();
      };
      status = channel?.subscribed === true ? SUBSCRIBED : INITIAL_SUBSCRIPTION_STATUS;
      const onSucceeded = (): void => set(SUBSCRIBED);
      const onError = (data: { error?: unknown; status?: unknown } | undefined): void =>
        set({
          state: 'refused',
          error: {
            message:
              typeof data?.error === 'string'
                ? data.error
                : `subscription to ${lease.name} refused`,
            status: typeof data?.status === 'number' ? data.status : null,
          },
        });
      // A refusal stands until the next answer; a live subscription is pending again once the connection drops.
      const onDown = (): void => {
        if (status.state === 'subscribed') set(INITIAL_SUBSCRIPTION_STATUS);
      };
      channel?.bind(SUBSCRIPTION_SUCCEEDED, onSucceeded);
      channel?.bind(SUBSCRIPTION_ERROR, onError);
      for (const state of DOWN_STATES) pusher.connection.bind(state, onDown);
      return () => {
        channel?.unbind(SUBSCRIPTION_SUCCEEDED, onSucceeded);
        channel?.unbind(SUBSCRIPTION_ERROR, onError);
        for (const state of DOWN_STATES) pusher.connection.unbind(state, onDown);
        status = INITIAL_SUBSCRIPTION_STATUS;
      };
    },
    snapshot: (lease) => (lease === undefined ? INITIAL_SUBSCRIPTION_STATUS : status),
  });
}
