// useTyping: who else is typing on a channel, and throttled, self-stopping "I am typing" whispers.
import {
  createTypingIndicator,
  type TypingIndicatorOptions,
  type TypingMember,
} from '@herald/echo';
import { computed, type ComputedRef } from 'vue';
import { useEchoHolder } from './provider';
import { useStore } from './use-store';

/** Options of {@link useTyping}. */
export interface UseTypingOptions<Info> extends TypingIndicatorOptions<Info> {
  /** @default 'presence' */
  visibility?: 'private' | 'presence';
}

/** What {@link useTyping} returns. */
export interface UseTypingResult<Info> {
  /** Others typing now. */
  typing: ComputedRef<readonly TypingMember<Info>[]>;
  /** Whether this client is typing. */
  isTyping: ComputedRef<boolean>;
  /** Call on each keystroke: whispers at most once per `throttleMs`; stops after `idleMs` of silence. */
  start: () => void;
  /** Stops now (message sent, field cleared). */
  stop: () => void;
}

/**
 * A typing indicator on `channelName` (a presence channel unless `visibility` says otherwise; the
 * member id then identifies the typer).
 *
 * @example
 * ```ts
 * const { typing, start, stop } = useTyping<{ name: string }>(`chat.${id}`);
 * // <input @input="start" @blur="stop" />
 * ```
 */
export function useTyping<Info = unknown>(
  channelName: string,
  options: UseTypingOptions<Info> = {},
): UseTypingResult<Info> {
  const holder = useEchoHolder();
  const { visibility = 'presence', ...rest } = options;
  const indicator = createTypingIndicator<Info>(
    () => holder.get().channels.acquire(channelName, visibility),
    () => holder.peek()?.socketId(),
    rest,
  );
  const state = useStore(indicator);
  return {
    typing: computed(() => state.value.typing),
    isTyping: computed(() => state.value.isTyping),
    start: indicator.typing,
    stop: indicator.stop,
  };
}
