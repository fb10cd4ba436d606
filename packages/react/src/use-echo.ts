// useEcho, useEchoPublic, useEchoPresence: @laravel/echo-react's event hooks on shared, ref-counted channels.
import {
  toEventList,
  type ChannelControls,
  type ChannelReturnType,
  type ChannelVisibility,
  type EventName,
  type InferEventPayload,
} from '@herald/echo';
import type { BroadcastDriver } from '@herald/echo';
import type { DependencyList } from 'react';
import { useChannelBinding } from './use-channel-binding';

/** What `useEcho` returns: `listen`, `stopListening`, `leaveChannel`, `leave` and `channel()`. */
export type UseEchoResult<
  TDriver extends BroadcastDriver = BroadcastDriver,
  TVisibility extends ChannelVisibility = 'private',
> = ChannelControls<ChannelReturnType<TDriver, TVisibility>>;

/**
 * Listens for `event` on channel `channelName` (private unless `visibility` says otherwise) while
 * the component is mounted. Components on one channel share its subscription. `callback` may change
 * on every render at no cost: the latest one is called. `dependencies` is accepted for
 * compatibility and not needed.
 *
 * @example
 * ```tsx
 * useEcho(`orders.${id}`, 'OrderShipmentStatusUpdated', (e) => setStatus(e.status));
 * ```
 */
export function useEcho<
  TEvent extends EventName = EventName,
  TDriver extends BroadcastDriver = BroadcastDriver,
  TVisibility extends ChannelVisibility = 'private',
>(
  channelName: string,
  event: TEvent,
  callback: (payload: InferEventPayload<TEvent>) => void,
  dependencies?: DependencyList,
  visibility?: TVisibility,
): UseEchoResult<TDriver, TVisibility>;
export function useEcho<
  TEvent extends EventName = EventName,
  TDriver extends BroadcastDriver = BroadcastDriver,
  TVisibility extends ChannelVisibility = 'private',
>(
  channelName: string,
  event: TEvent[],
  callback: (payload: InferEventPayload<TEvent>) => void,
  dependencies?: DependencyList,
  visibility?: TVisibility,
): UseEchoResult<TDriver, TVisibility>;
export function useEcho<
  TPayload,
  TDriver extends BroadcastDriver = BroadcastDriver,
  TVisibility extends ChannelVisibility = 'private',
>(
  channelName: string,
  event?: string | string[],
  callback?: (payload: TPayload) => void,
  dependencies?: DependencyList,
  visibility?: TVisibility,
): UseEchoResult<TDriver, TVisibility>;
export function useEcho<TDriver extends BroadcastDriver, TVisibility extends ChannelVisibility>(
  channelName: string,
  event: string | string[] = [],
  callback: (payload: never) => void = noop,
  _dependencies: DependencyList = [],
  visibility: TVisibility = 'private' as TVisibility,
): UseEchoResult<TDriver, TVisibility> {
  return useChannelBinding(channelName, visibility, toEventList(event), callback);
}

/** {@link useEcho} on a public channel. */
export function useEchoPublic<TPayload, TDriver extends BroadcastDriver = BroadcastDriver>(
  channelName: string,
  event: string | string[] = [],
  callback: (payload: TPayload) => void = noop,
  dependencies: DependencyList = [],
): UseEchoResult<TDriver, 'public'> {
  return useEcho<TPayload, TDriver, 'public'>(channelName, event, callback, dependencies, 'public');
}

/** {@link useEcho} on a presence channel; `usePresence` gives its live member list. */
export function useEchoPresence<TPayload, TDriver extends BroadcastDriver = BroadcastDriver>(
  channelName: string,
  event: string | string[] = [],
  callback: (payload: TPayload) => void = noop,
  dependencies: DependencyList = [],
): UseEchoResult<TDriver, 'presence'> {
  return useEcho<TPayload, TDriver, 'presence'>(
    channelName,
    event,
    callback,
    dependencies,
    'presence',
  );
}

function noop(): void {}
