// useEchoNotification: Laravel notifications on a private channel, optionally only some types.
import {
  NOTIFICATION_EVENT,
  notificationTypeFilter,
  toEventList,
  type BroadcastNotification,
} from '@herald/echo';
import type { BroadcastDriver } from '@herald/echo';
import { useMemo, type DependencyList } from 'react';
import { useChannelBinding } from './use-channel-binding';
import type { UseEchoResult } from './use-echo';

/**
 * Calls `callback` with each notification broadcast on private channel `channelName`, or only
 * those whose type is in `event` (`App.Notifications.InvoicePaid` or with backslashes).
 *
 * @example
 * ```tsx
 * useEchoNotification(`App.Models.User.${userId}`, (n) => toast(n.type));
 * ```
 */
export function useEchoNotification<TPayload, TDriver extends BroadcastDriver = BroadcastDriver>(
  channelName: string,
  callback: (payload: BroadcastNotification<TPayload>) => void = () => {},
  event: string | string[] = [],
  _dependencies: DependencyList = [],
): UseEchoResult<TDriver, 'private'> {
  const typesKey = JSON.stringify(toEventList(event));
  const accepts = useMemo(
    () => notificationTypeFilter(JSON.parse(typesKey) as string[]),
    [typesKey],
  );
  return useChannelBinding(
    channelName,
    'private',
    [NOTIFICATION_EVENT],
    (notification: BroadcastNotification<TPayload>) => {
      if (accepts(notification.type)) callback(notification);
    },
  );
}
