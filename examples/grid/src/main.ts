// `pnpm --filter @herald/example-grid start`: runs the grid until Ctrl-C (or SIGTERM).
// PORT (default 3000), GRID_SIZE (default 10), REDIS_URL and REDIS_PREFIX, CLICKS_PER_SECOND.
import { DEFAULT_CLICK_LIMIT } from './click-limiter';
import { startGrid } from './server';

const env = process.env;
const app = await startGrid({
  port: Number(env.PORT ?? 3000),
  ...(env.GRID_SIZE === undefined ? {} : { size: Number(env.GRID_SIZE) }),
  ...(env.REDIS_URL === undefined ? {} : { redisUrl: env.REDIS_URL }),
  ...(env.REDIS_PREFIX === undefined ? {} : { redisPrefix: env.REDIS_PREFIX }),
  clickLimit:
    env.CLICKS_PER_SECOND === undefined
      ? DEFAULT_CLICK_LIMIT
      : { max: Number(env.CLICKS_PER_SECOND), windowMs: 1000 },
});
console.log(
  `emoji grid: open ${app.url} in two windows${env.REDIS_URL === undefined ? '' : ' (grid in Redis)'}`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
