// useOnSubscribed: runs a callback each time a channel's subscription succeeds, reconnects included.
import { createSubscriptionStatusStore, onSubscribed, type ChannelVisibility } from '@herald/echo';
import { useEffect } from 'react';
import { useEchoHolder } from './provider';
import { useLatest } from './use-latest';

/**
 * Holds channel `channelName` (private unless `visibility` says otherwise) while mounted and calls
 * `callback` each time its subscription succeeds: once subscribed (at once if another component
 * already holds it live), then again after every reconnect. Refetch what may have been missed there.
 * The latest `callback` runs; changing it rebinds nothing. Unmounting stops it.
 *
 * @example
 * ```tsx
 * useOnSubscribed(`grid.${id}`, () => void refetchCells(), 'public');
 * ```
 */
export function useOnSubscribed(
  channelName: string,
  callback: () => void,
  visibility: ChannelVisibility = 'private',
): void {
  const holder = useEchoHolder();
  const latest = useLatest(callback);
  useEffect(
    () =>
      onSubscribed(createSubscriptionStatusStore(holder, channelName, visibility), () =>
        latest.current(),
      ),
    [holder, channelName, visibility, latest],
  );
}
