// Typing indicator: throttled "is typing" whispers that stop by themselves after a silence.
import type { ChannelLease } from './channel-lease';
import { systemClock, type Clock, type TimerHandle } from './clock';
import { createLeaseStore, type LeaseStore } from './lease-store';
import { createStore } from './store';

/** Who is typing, as sent in the whisper. */
export interface TypingMember<Info = unknown> {
  readonly id: string;
  readonly info: Info;
}

/** The whisper a typing indicator sends. */
export interface TypingWhisper<Info = unknown> extends TypingMember<Info> {
  readonly typing: boolean;
}

/** One snapshot of a {@link TypingIndicator}. */
export interface TypingState<Info = unknown> {
  /** Others typing now, in the order they started. */
  readonly typing: readonly TypingMember<Info>[];
  /** Whether this client is typing (has typed within `idleMs` and not stopped). */
  readonly isTyping: boolean;
}

/** Options of {@link createTypingIndicator}. */
export interface TypingIndicatorOptions<Info = unknown> {
  /**
   * Who this client is. @default the presence member (`me`) on presence channels, else the socket id
   */
  user?: { id: string; info?: Info };
  /** The whisper event name. @default 'typing' */
  event?: string;
  /** At most one "typing" whisper per this many milliseconds while keys keep coming. @default 1000 */
  throttleMs?: number;
  /** Silence after which typing stops by itself, in milliseconds; also how long others' stale state lasts. @default 3000 */
  idleMs?: number;
  /** Time source. @default the global timers */
  clock?: Clock;
}

/** Defaults for {@link TypingIndicatorOptions}. */
export const TYPING_INDICATOR_DEFAULTS = Object.freeze({
  event: 'typing',
  throttleMs: 1000,
  idleMs: 3000,
});

/** A typing indicator: a store of who types, plus `typing()` for each keystroke and `stop()`. */
export interface TypingIndicator<Info = unknown> extends LeaseStore<TypingState<Info>> {
  /** Call on each keystroke: whispers at most once per `throttleMs`, and restarts the silence timer. */
  typing: () => void;
  /** Stops now (a message was sent, the field was cleared), telling the others. */
  stop: () => void;
}

/**
 * Creates a typing indicator on the channel `acquire` returns. Whispers are volatile: a late
 * "typing" is worse than none, so nothing is queued while the channel is down.
 */
export function createTypingIndicator<Info = unknown>(
  acquire: () => ChannelLease,
  socketId: () => string | undefined,
  options: TypingIndicatorOptions<Info> = {},
): TypingIndicator<Info> {
  const clock = options.clock ?? systemClock;
  const event = options.event ?? TYPING_INDICATOR_DEFAULTS.event;
  const throttleMs = options.throttleMs ?? TYPING_INDICATOR_DEFAULTS.throttleMs;
  const idleMs = options.idleMs ?? TYPING_INDICATOR_DEFAULTS.idleMs;
  const state = createStore<TypingState<Info>>({ typing: [], isTyping: false });
  const expiries = new Map<string, TimerHandle>();
  let lastSentAt = -Infinity;
  let idleTimer: TimerHandle | undefined;

  const others = (
    update: (list: readonly TypingMember<Info>[]) => readonly TypingMember<Info>[],
  ): void => state.update((s) => ({ ...s, typing: update(s.typing) }));
  const forget = (id: string): void => {
    const timer = expiries.get(id);
    if (timer !== undefined) clock.clearTimeout(timer);
    expiries.delete(id);
    others((list) => (list.some((m) => m.id === id) ? list.filter((m) => m.id !== id) : list));
  };
  const onWhisper = (payload: TypingWhisper<Info>): void => {
    if (typeof payload?.id !== 'string') return;
    if (!payload.typing) {
      forget(payload.id);
      return;
    }
    const timer = expiries.get(payload.id);
    if (timer !== undefined) clock.clearTimeout(timer);
    // Covers a sender that vanished without its "stopped" whisper.
    expiries.set(
      payload.id,
      clock.setTimeout(() => forget(payload.id), idleMs),
    );
    const member: TypingMember<Info> = Object.freeze({ id: payload.id, info: payload.info });
    others((list) => (list.some((m) => m.id === member.id) ? list : [...list, member]));
  };

  const store = createLeaseStore<TypingState<Info>>(acquire, {
    attach(lease, notify) {
      lease.listenForWhisper(event, onWhisper as (payload: unknown) => void);
      const unsubscribe = state.subscribe(notify);
      return () => {
        stop();
        unsubscribe();
        for (const id of [...expiries.keys()]) forget(id);
      };
    },
    snapshot: () => state.getSnapshot(),
  });

  const whoAmI = (lease: ChannelLease): TypingMember<Info> | undefined => {
    if (options.user !== undefined) return { id: options.user.id, info: options.user.info as Info };
    const me = lease.roster?.getSnapshot().me;
    if (me != null) return { id: me.id, info: me.info as Info };
    const id = socketId();
    return id === undefined ? undefined : { id, info: undefined as Info };
  };
  const send = (typing: boolean): void => {
    const lease = store.lease();
    const me = lease === undefined ? undefined : whoAmI(lease);
    if (lease === undefined || me === undefined) return;
    lease.whisper(event, { id: me.id, info: me.info, typing } satisfies TypingWhisper<Info>, {
      volatile: true,
    });
  };
  function stop(): void {
    if (idleTimer !== undefined) clock.clearTimeout(idleTimer);
    idleTimer = undefined;
    if (!state.getSnapshot().isTyping) return;
    state.update((s) => ({ ...s, isTyping: false }));
    lastSentAt = -Infinity;
    send(false);
  }

  return {
    ...store,
    typing() {
      if (store.lease() === undefined) return;
      const now = clock.now();
      if (!state.getSnapshot().isTyping || now - lastSentAt >= throttleMs) {
        lastSentAt = now;
        send(true);
      }
      state.update((s) => ({ ...s, isTyping: true }));
      if (idleTimer !== undefined) clock.clearTimeout(idleTimer);
      idleTimer = clock.setTimeout(stop, idleMs);
    },
    stop,
  };
}
