// Harness: a fresh Herald + auth server per test, echoes pointed at them, all closed after each test.
import {
  createEcho,
  type CreateEchoOptions,
  type HeraldEcho,
  type LaravelEchoOptions,
} from '@herald/echo';
import { afterEach, beforeEach } from 'vitest';
import { APP, AuthServer, HeraldUnderTest } from './test-server';

/** The servers of the current test. */
export const servers = {} as { herald: HeraldUnderTest; auth: AuthServer };
const open: HeraldEcho[] = [];

/** Starts the servers before each test of the calling file and stops them after. */
export function useServers(): void {
  beforeEach(async () => {
    servers.herald = new HeraldUnderTest();
    await servers.herald.start();
    servers.auth = new AuthServer(servers.herald);
    await servers.auth.start();
  });
  afterEach(async () => {
    for (const echo of open.splice(0)) echo.disconnect();
    await servers.auth.stop();
    await servers.herald.stop();
  });
}

/** `configureEcho` options for the current servers, as a Laravel app would pass them. */
export function laravelOptions(userId = 'alice'): LaravelEchoOptions {
  return {
    broadcaster: 'reverb',
    key: APP.key,
    wsHost: '127.0.0.1',
    wsPort: servers.herald.port,
    forceTLS: false,
    authEndpoint: `${servers.auth.url}/broadcasting/auth`,
    auth: { headers: { 'X-User-Id': userId } },
    env: {},
    backoff: { minDelayMs: 50, maxDelayMs: 200 },
    attemptTimeoutMs: 3000,
  };
}

/** An echo for user `userId` on the current servers, disconnected after the test. */
export function echoFor(userId = 'alice', options: CreateEchoOptions = {}): HeraldEcho {
  const echo = createEcho({
    broadcaster: 'reverb',
    key: APP.key,
    host: '127.0.0.1',
    port: servers.herald.port,
    forceTLS: false,
    env: {},
    backoff: { minDelayMs: 50, maxDelayMs: 200 },
    attemptTimeoutMs: 3000,
    auth: { endpoint: `${servers.auth.url}/broadcasting/auth`, headers: { 'X-User-Id': userId } },
    ...options,
  });
  open.push(echo);
  return echo;
}

/** Polls `check` until it returns something other than `undefined`/`false`: waits on events, not sleeps. */
export async function until<T>(
  check: () => T | undefined | false,
  what = 'condition',
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Waits until a fresh subscription of `echo` reaches the server: frames the echo sent earlier on the
 * same socket (an unsubscribe, a second subscribe) have arrived by then.
 */
export async function barrier(echo: HeraldEcho): Promise<void> {
  const name = `barrier-${Math.random().toString(36).slice(2)}`;
  // Private, so its auth round trip also follows any auth request the echo started earlier.
  const lease = echo.channels.acquire(name, 'private');
  await until(() => servers.herald.subscribeCount(`private-${name}`) === 1, `barrier ${name}`);
  lease.release();
}
