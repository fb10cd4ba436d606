// Room history in Redis, so every node serves the same messages: a list per room, capped.
import type { Redis } from 'ioredis';
import type { ChatMessage } from '@herald/example-chat/src/chat-model';
import type { MessageHistory } from '@herald/example-chat/src/history';

/** The chat's {@link MessageHistory} on Redis lists (`<prefix>:history:<room>`); the client stays the caller's. */
export function createRedisHistory(redis: Redis, prefix: string, limit = 100): MessageHistory {
  const keyOf = (room: string): string => `${prefix}:history:${room}`;
  return {
    async add(message) {
      // One round trip, applied atomically: append, then keep the newest `limit`.
      await redis
        .multi()
        .rpush(keyOf(message.room), JSON.stringify(message))
        .ltrim(keyOf(message.room), -limit, -1)
        .exec();
    },
    async list(room) {
      const items = await redis.lrange(keyOf(room), 0, -1);
      return items.map((item) => JSON.parse(item) as ChatMessage);
    },
  };
}
