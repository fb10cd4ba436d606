// Creates echoes against the test servers and closes them after each test.
import { afterEach } from 'vitest';
import { createEcho, type HeraldEcho } from '../src';
import type { CreateEchoOptions } from '../src/echo-options';
import { APP, type AppUnderTest, type HeraldUnderTest } from './test-server';

const open: HeraldEcho[] = [];
afterEach(() => {
  for (const echo of open.splice(0)) echo.dispose();
});

/** An echo on `herald`, authorizing at `app`, with fast retry timing for tests. */
export function echoFor(
  herald: HeraldUnderTest,
  app: AppUnderTest | undefined,
  options: CreateEchoOptions & { userId?: string } = {},
): HeraldEcho {
  const { userId, ...rest } = options;
  const echo = createEcho({
    broadcaster: 'reverb',
    key: APP.key,
    host: '127.0.0.1',
    port: herald.port,
    forceTLS: false,
    env: {},
    backoff: { minDelayMs: 50, maxDelayMs: 200 },
    attemptTimeoutMs: 3000,
    ...rest,
    auth: {
      endpoint: `${app?.url ?? 'http://127.0.0.1:9'}/broadcasting/auth`,
      headers: userId === undefined ? {} : { 'X-User-Id': userId },
      ...rest.auth,
    },
  });
  open.push(echo);
  return echo;
}
