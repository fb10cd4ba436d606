// useWhisper: send and receive one client event (whisper) on a private or presence channel.
import {
  ChannelPrefix,
  fullChannelName,
  type BroadcastDriver,
  type ChannelReturnType,
  type WhisperOptions,
  type WhisperResult,
} from '@herald/echo';
import { useCallback, useMemo } from 'react';
import { useEchoHolder } from './provider';
import { useChannelBinding } from './use-channel-binding';
import type { UseEchoResult } from './use-echo';

/** What `useWhisper` returns: the channel controls plus `whisper`. */
export interface UseWhisperResult<
  TPayload,
  TVisibility extends 'private' | 'presence',
> extends UseEchoResult<BroadcastDriver, TVisibility> {
  /** Sends `data` to the others on the channel, or queues it while down (unless `volatile`). */
  whisper: (data: TPayload, options?: WhisperOptions) => WhisperResult;
}

/**
 * Listens for whisper `event` from other clients on `channelName` and returns `whisper` to send one.
 *
 * @example
 * ```tsx
 * const { whisper } = useWhisper<{ x: number; y: number }>(`board.${id}`, 'cursor', (p) => moveCursor(p));
 * ```
 */
export function useWhisper<TPayload, TVisibility extends 'private' | 'presence' = 'private'>(
  channelName: string,
  event: string,
  callback: (payload: TPayload) => void = () => {},
  visibility: TVisibility = 'private' as TVisibility,
): UseWhisperResult<TPayload, TVisibility> {
  const holder = useEchoHolder();
  const controls = useChannelBinding<ChannelReturnType<BroadcastDriver, TVisibility>>(
    channelName,
    visibility,
    [`.${ChannelPrefix.clientEvent}${event}`],
    callback,
  );
  const whisper = useCallback(
    (data: TPayload, options?: WhisperOptions) =>
      holder.get().whisper(fullChannelName(channelName, visibility), event, data, options),
    [holder, channelName, visibility, event],
  );
  return useMemo(() => ({ ...controls, whisper }), [controls, whisper]);
}
