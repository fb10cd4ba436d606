// @herald/redis: scale Herald across nodes through Redis pub/sub.
export { createRedisScaling, RedisBus } from './redis-bus';
export type { RedisScalingOptions } from './redis-bus';
