// useRecovery: reports each resume of a resumable channel, so a page refetches when the gap stayed open.
import { onRecovery, type ChannelVisibility, type RecoveryOutcome } from '@herald/echo';
import { useEffect } from 'react';
import { useEchoHolder } from './provider';
import { useLatest } from './use-latest';

/**
 * Holds channel `channelName` (private unless `visibility` says otherwise) while mounted and calls
 * `callback` after each resubscription that resumed it: the missed events have gone through the
 * channel's listeners by then; when `recovered` is false they could not be replayed, so refetch.
 * The latest `callback` runs; changing it rebinds nothing. Unmounting stops it.
 *
 * @example
 * ```tsx
 * useRecovery(`orders.${id}`, ({ recovered }) => { if (!recovered) void refetchOrders(); });
 * ```
 */
export function useRecovery(
  channelName: string,
  callback: (outcome: RecoveryOutcome) => void,
  visibility: ChannelVisibility = 'private',
): void {
  const holder = useEchoHolder();
  const latest = useLatest(callback);
  useEffect(
    () => onRecovery(holder, channelName, (outcome) => latest.current(outcome), visibility),
    [holder, channelName, visibility, latest],
  );
}
