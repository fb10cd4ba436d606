// Direct messages the page has seen: threads per DM channel and unread counts.
import type { DirectMessage } from '../chat-model';
import { createSmallStore, type SmallStore } from './small-store';

/** A direct message in a thread; `isQueued` while it waits for the connection. */
export interface ThreadEntry extends DirectMessage {
  readonly isQueued: boolean;
  readonly isMine: boolean;
}

export interface DirectMessagesState {
  readonly threads: ReadonlyMap<string, readonly ThreadEntry[]>;
  /** Unread messages per DM channel. */
  readonly unread: ReadonlyMap<string, number>;
  /** The DM channel on screen, if any. */
  readonly open: string | null;
}

export interface DirectMessages {
  readonly store: SmallStore<DirectMessagesState>;
  receive(channel: string, message: DirectMessage): void;
  sent(channel: string, message: DirectMessage, isQueued: boolean): void;
  /** The offline queue emptied: every queued message went out. */
  markQueuedSent(): void;
  open(channel: string | null): void;
}

export function createDirectMessages(): DirectMessages {
  const store = createSmallStore<DirectMessagesState>({
    threads: new Map(),
    unread: new Map(),
    open: null,
  });
  const append = (
    s: DirectMessagesState,
    channel: string,
    entry: ThreadEntry,
  ): DirectMessagesState => {
    const thread = s.threads.get(channel) ?? [];
    if (thread.some((m) => m.id === entry.id)) return s;
    return { ...s, threads: new Map(s.threads).set(channel, [...thread, entry]) };
  };
  return {
    store,
    receive(channel, message) {
      store.set((s) => {
        const next = append(s, channel, { ...message, isQueued: false, isMine: false });
        if (next === s || s.open === channel) return next;
        return {
          ...next,
          unread: new Map(s.unread).set(channel, (s.unread.get(channel) ?? 0) + 1),
        };
      });
    },
    sent(channel, message, isQueued) {
      store.set((s) => append(s, channel, { ...message, isQueued, isMine: true }));
    },
    markQueuedSent() {
      store.set((s) => {
        if (![...s.threads.values()].some((t) => t.some((m) => m.isQueued))) return s;
        const threads = new Map(
          [...s.threads].map(([c, t]) => [
            c,
            t.map((m) => (m.isQueued ? { ...m, isQueued: false } : m)),
          ]),
        );
        return { ...s, threads };
      });
    },
    open(channel) {
      store.set((s) => {
        if (s.open === channel && (channel === null || !s.unread.has(channel))) return s;
        const unread = new Map(s.unread);
        if (channel !== null) unread.delete(channel);
        return { ...s, open: channel, unread };
      });
    },
  };
}
