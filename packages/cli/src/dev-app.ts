// Development app: random credentials for a server started with no app configured.
import { randomBytes, randomInt } from 'node:crypto';
import type { AppConfig } from '@herald/protocol';

/**
 * Makes an app with random credentials, shaped like Pusher's (numeric id, hex key and secret), so
 * `herald start` works out of the box. They change on every start: for development only.
 */
export function createDevApp(): AppConfig {
  return {
    id: String(randomInt(100_000, 1_000_000)),
    key: randomBytes(10).toString('hex'),
    secret: randomBytes(16).toString('hex'),
  };
}
