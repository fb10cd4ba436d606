// The official `pusher` server SDK pointed at a test server: how apps publish and sign channel auth.
import Pusher from 'pusher';
import type { AppConfig } from '@herald/protocol';

/** Where a server listens. */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * A `pusher` SDK instance for `app` on `server`. Pass `secret` to sign with a different secret
 * (for bad-signature tests).
 */
export function createPublisher(
  server: ServerAddress,
  app: AppConfig,
  overrides: { secret?: string; key?: string } = {},
): Pusher {
  return new Pusher({
    appId: app.id,
    key: overrides.key ?? app.key,
    secret: overrides.secret ?? app.secret,
    host: server.host,
    port: String(server.port),
    useTLS: false,
    timeout: 5000,
  });
}
