// Room history: the last HISTORY_LIMIT messages of each room, in this process's memory.
import { HISTORY_LIMIT, type ChatMessage } from './chat-model';

/**
 * Where the app keeps room messages. In memory here; see the README for why, and what to use
 * instead. Either method may answer a promise, so a database (or Redis, as examples/cluster does)
 * can implement it.
 */
export interface MessageHistory {
  /** Stores `message`, dropping the room's oldest beyond the limit. */
  add(message: ChatMessage): void | Promise<void>;
  /** The room's messages, oldest first. */
  list(room: string): readonly ChatMessage[] | Promise<readonly ChatMessage[]>;
}

/** A {@link MessageHistory} in memory, `limit` messages per room. */
export function createMemoryHistory(limit = HISTORY_LIMIT): MessageHistory {
  const rooms = new Map<string, ChatMessage[]>();
  return {
    add(message) {
      const list = rooms.get(message.room) ?? [];
      list.push(message);
      if (list.length > limit) list.splice(0, list.length - limit);
      rooms.set(message.room, list);
    },
    list: (room) => [...(rooms.get(room) ?? [])],
  };
}
