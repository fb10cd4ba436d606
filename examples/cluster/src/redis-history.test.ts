// The Redis history on the shared Redis, under a random prefix removed afterwards.
import { randomBytes } from 'node:crypto';
import type { ChatMessage } from '@herald/example-chat/src/chat-model';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisHistory } from './redis-history';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `herald-cluster-test-${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

function message(room: string, text: string): ChatMessage {
  return {
    id: `${room}-${text}`,
    clientId: text,
    room,
    user: { id: 'ada', name: 'Ada', avatar: '/avatars/ada.svg' },
    text,
    sentAt: 0,
  };
}

describe('createRedisHistory', () => {
  it('keeps the newest messages of each room, oldest first', async () => {
    const history = createRedisHistory(redis, prefix, 2);
    for (const text of ['one', 'two', 'three']) await history.add(message('general', text));
    await history.add(message('help', 'elsewhere'));
    expect((await history.list('general')).map((m) => m.text)).toEqual(['two', 'three']);
    expect((await history.list('help')).map((m) => m.text)).toEqual(['elsewhere']);
    expect(await history.list('random')).toEqual([]);
  });

  it('is shared by every history on the same Redis and prefix, as the nodes share it', async () => {
    const writer = createRedisHistory(redis, `${prefix}:shared`);
    const otherNode = redis.duplicate();
    const reader = createRedisHistory(otherNode, `${prefix}:shared`);
    await writer.add(message('general', 'from node 1'));
    expect(await reader.list('general')).toEqual([message('general', 'from node 1')]);
    otherNode.disconnect();
  });
});
