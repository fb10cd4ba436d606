// useEchoNotification: Laravel notifications on a private channel, optionally only some types.
import type { MaybeRefOrGetter } from 'vue';
import {
  NOTIFICATION_EVENT,
  notificationTypeFilter,
  toEventList,
  type BroadcastDriver,
  type BroadcastNotification,
} from '@herald/echo';
import { useChannelBinding } from './use-channel-binding';
import type { UseEchoResult } from './use-echo';

/**
 * Calls `callback` with each notification broadcast on private channel `channelName`, or only
 * those whose type is in `event` (`App.Notifications.InvoicePaid` or with backslashes).
 *
 * @example
 * ```ts
 * useEchoNotification(`App.Models.User.${userId}`, (n) => toast(n.type));
 * ```
 */
export function useEchoNotification<TPayload, TDriver extends BroadcastDriver = BroadcastDriver>(
  channelName: MaybeRefOrGetter<string>,
  callback: (payload: BroadcastNotification<TPayload>) => void = () => {},
  event: string | string[] = [],
  _dependencies: unknown[] = [],
): UseEchoResult<TDriver, 'private'> {
  const accepts = notificationTypeFilter(toEventList(event));
  return useChannelBinding(
    channelName,
    'private',
    [NOTIFICATION_EVENT],
    (notification: BroadcastNotification<TPayload>) => {
      if (accepts(notification.type)) callback(notification);
    },
  );
}
