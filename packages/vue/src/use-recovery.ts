// useRecovery: reports each resume of a resumable channel, so a page refetches when the gap stayed open.
import { onRecovery, type ChannelVisibility, type RecoveryOutcome } from '@herald/echo';
import { onClientMount } from './on-client-mount';
import { useEchoHolder } from './provider';

/**
 * Holds channel `channelName` (private unless `visibility` says otherwise) once mounted and calls
 * `callback` after each resubscription that resumed it: the missed events have gone through the
 * channel's listeners by then; when `recovered` is false they could not be replayed, so refetch.
 * Never runs on the server; stops when the component's scope is disposed.
 *
 * @example
 * ```ts
 * useRecovery(`orders.${id}`, ({ recovered }) => { if (!recovered) void refetchOrders(); });
 * ```
 */
export function useRecovery(
  channelName: string,
  callback: (outcome: RecoveryOutcome) => void,
  visibility: ChannelVisibility = 'private',
): void {
  const holder = useEchoHolder();
  onClientMount(() => onRecovery(holder, channelName, callback, visibility));
}
