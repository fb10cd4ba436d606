// useTyping: who else is typing on a channel, and throttled, self-stopping "I am typing" whispers.
import {
  createTypingIndicator,
  type TypingIndicatorOptions,
  type TypingMember,
} from '@herald/echo';
import { useMemo, useSyncExternalStore } from 'react';
import { useEchoHolder } from './provider';

/** Options of {@link useTyping}. */
export interface UseTypingOptions<Info> extends TypingIndicatorOptions<Info> {
  /** @default 'presence' */
  visibility?: 'private' | 'presence';
}

/** What {@link useTyping} returns. */
export interface UseTypingResult<Info> {
  /** Others typing now. */
  typing: readonly TypingMember<Info>[];
  /** Whether this client is typing. */
  isTyping: boolean;
  // Function properties, not methods: the result is meant to be destructured (`const { start } = ...`),
  // which lint's unbound-method rule refuses for methods.
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
 * ```tsx
 * const { typing, start, stop } = useTyping<{ name: string }>(`chat.${id}`);
 * <input onInput={start} onBlur={stop} />
 * {typing.length > 0 && <p>{typing.map((m) => m.info.name).join(', ')} typing…</p>}
 * ```
 */
export function useTyping<Info = unknown>(
  channelName: string,
  options: UseTypingOptions<Info> = {},
): UseTypingResult<Info> {
  const holder = useEchoHolder();
  const { visibility = 'presence', event, throttleMs, idleMs, clock, user } = options;
  const userKey = JSON.stringify(user ?? null);
  const indicator = useMemo(
    () =>
      createTypingIndicator<Info>(
        () => holder.get().channels.acquire(channelName, visibility),
        () => holder.peek()?.socketId(),
        {
          event,
          throttleMs,
          idleMs,
          clock,
          user: (JSON.parse(userKey) as UseTypingOptions<Info>['user'] | null) ?? undefined,
        },
      ),
    [holder, channelName, visibility, event, throttleMs, idleMs, clock, userKey],
  );
  const state = useSyncExternalStore(
    indicator.subscribe,
    indicator.getSnapshot,
    indicator.getSnapshot,
  );
  return {
    typing: state.typing,
    isTyping: state.isTyping,
    start: indicator.typing,
    stop: indicator.stop,
  };
}
