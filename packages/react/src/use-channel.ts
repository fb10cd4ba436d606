// useChannel, usePublicChannel, usePresenceChannel: hold a shared channel while mounted, no listeners.
import type { ChannelControls, ChannelReturnType, ChannelVisibility } from '@herald/echo';
import type { BroadcastDriver } from '@herald/echo';
import { useChannelBinding } from './use-channel-binding';

/** What `useChannel` returns: `leaveChannel`, `leave` and `channel()`. */
export type UseChannelResult<
  TDriver extends BroadcastDriver = BroadcastDriver,
  TVisibility extends ChannelVisibility = 'private',
> = Pick<
  ChannelControls<ChannelReturnType<TDriver, TVisibility>>,
  'leaveChannel' | 'leave' | 'channel'
>;

const NO_EVENTS: readonly string[] = [];

/**
 * Holds channel `channelName` (private unless `visibility` says otherwise) while mounted, shared
 * with every other component on it; `channel()` is the upstream laravel-echo channel once mounted.
 */
export function useChannel<
  TDriver extends BroadcastDriver = BroadcastDriver,
  TVisibility extends ChannelVisibility = 'private',
>(
  channelName: string,
  visibility: TVisibility = 'private' as TVisibility,
): UseChannelResult<TDriver, TVisibility> {
  return useChannelBinding(channelName, visibility, NO_EVENTS, noop);
}

/** {@link useChannel} on a presence channel. */
export function usePresenceChannel<TDriver extends BroadcastDriver = BroadcastDriver>(
  channelName: string,
): UseChannelResult<TDriver, 'presence'> {
  return useChannel<TDriver, 'presence'>(channelName, 'presence');
}

/** {@link useChannel} on a public channel. */
export function usePublicChannel<TDriver extends BroadcastDriver = BroadcastDriver>(
  channelName: string,
): UseChannelResult<TDriver, 'public'> {
  return useChannel<TDriver, 'public'>(channelName, 'public');
}

function noop(): void {}
