// useOnSubscribed: runs a callback each time a channel's subscription succeeds, reconnects included.
import { createSubscriptionStatusStore, onSubscribed, type ChannelVisibility } from '@herald/echo';
import { onClientMount } from './on-client-mount';
import { useEchoHolder } from './provider';

/**
 * Holds channel `channelName` (private unless `visibility` says otherwise) once mounted and calls
 * `callback` each time its subscription succeeds: once subscribed (at once if another component
 * already holds it live), then again after every reconnect. Refetch what may have been missed there.
 * Never runs on the server; stops when the component's scope is disposed.
 *
 * @example
 * ```ts
 * useOnSubscribed(`grid.${id}`, () => void refetchCells(), 'public');
 * ```
 */
export function useOnSubscribed(
  channelName: string,
  callback: () => void,
  visibility: ChannelVisibility = 'private',
): void {
  const holder = useEchoHolder();
  onClientMount(() =>
    onSubscribed(createSubscriptionStatusStore(holder, channelName, visibility), callback),
  );
}
