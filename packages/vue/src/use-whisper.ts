// useWhisper: send and receive one client event (whisper) on a private or presence channel.
import { toValue, type MaybeRefOrGetter } from 'vue';
import {
  ChannelPrefix,
  fullChannelName,
  type BroadcastDriver,
  type ChannelReturnType,
  type WhisperOptions,
  type WhisperResult,
} from '@herald/echo';
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
 * ```ts
 * const { whisper } = useWhisper<{ x: number; y: number }>(`board.${id}`, 'cursor', (p) => moveCursor(p));
 * ```
 */
export function useWhisper<TPayload, TVisibility extends 'private' | 'presence' = 'private'>(
  channelName: MaybeRefOrGetter<string>,
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
  return {
    ...controls,
    whisper: (data, options) =>
      holder.get().whisper(fullChannelName(toValue(channelName), visibility), event, data, options),
  };
}
