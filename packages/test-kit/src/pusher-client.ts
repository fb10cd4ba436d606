// pusher-js (its Node build) against a test server, authorizing channels with the real `pusher` SDK.
import PusherClient, { type Channel } from 'pusher-js';
import Pusher from 'pusher';
import type { AppConfig } from '@herald/protocol';
import type { ServerAddress } from './publisher';
import { withTimeout } from './wait-for';

/** A presence identity, as an app's auth endpoint would give it. */
export interface PresenceUser {
  user_id: string | number;
  user_info?: Record<string, unknown>;
}

/** Options for {@link createPusherClient}. */
export interface PusherClientOptions {
  server: ServerAddress;
  app: AppConfig;
  /** Identity signed into presence channel_data. @default { user_id: 'user-1' } */
  user?: PresenceUser;
  /** Sign channel auth with this secret instead of the app's (for bad-auth tests). */
  authSecret?: string;
  /**
   * The pusher-js transports to allow; `xhr_streaming` and `xhr_polling` go to the server's
   * HTTP fallback (`httpPath` `/pusher`).
   * @default ['ws']
   */
  transports?: readonly ('ws' | 'xhr_streaming' | 'xhr_polling')[];
  /** pusher-js's `activityTimeout` (ms before it checks an idle connection). */
  activityTimeoutMs?: number;
}

/**
 * A pusher-js client over plain `ws` to the test server. Channel authorization goes through
 * `channelAuthorization.customHandler`, signing with the `pusher` SDK's `authorizeChannel`, exactly
 * as an app's auth endpoint would.
 */
export function createPusherClient(options: PusherClientOptions): PusherClient {
  const { server, app } = options;
  const signer = new Pusher({
    appId: app.id,
    key: app.key,
    secret: options.authSecret ?? app.secret,
    host: server.host,
    port: String(server.port),
  });
  const user = options.user ?? { user_id: 'user-1' };
  return new PusherClient(app.key, {
    wsHost: server.host,
    wsPort: server.port,
    httpHost: server.host,
    httpPort: server.port,
    forceTLS: false,
    enabledTransports: [...(options.transports ?? ['ws'])],
    ...(options.activityTimeoutMs === undefined
      ? {}
      : { activityTimeout: options.activityTimeoutMs }),
    cluster: '',
    disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        try {
          const presence = channelName.startsWith('presence-')
            ? (user as Pusher.PresenceChannelData)
            : undefined;
          callback(null, signer.authorizeChannel(socketId, channelName, presence));
        } catch (error) {
          callback(error as Error, null);
        }
      },
    },
  });
}

/** Resolves when the client is connected; rejects if it fails or takes longer than `timeoutMs`. */
export function whenConnected(client: PusherClient, timeoutMs = 5000): Promise<string> {
  const connection = client.connection;
  if (connection.state === 'connected') return Promise.resolve(connection.socket_id);
  return withTimeout(
    new Promise((resolve, reject) => {
      connection.bind('connected', () => resolve(connection.socket_id));
      connection.bind('failed', () => reject(new Error('pusher-js connection failed')));
    }),
    timeoutMs,
    'pusher-js to connect',
  );
}

/** Resolves with the `subscription_succeeded` data; rejects on `subscription_error`. */
export function whenSubscribed(channel: Channel, timeoutMs = 5000): Promise<unknown> {
  if (channel.subscribed) return Promise.resolve(undefined);
  return withTimeout(
    new Promise((resolve, reject) => {
      channel.bind('pusher:subscription_succeeded', (data: unknown) => resolve(data));
      channel.bind('pusher:subscription_error', (error: unknown) =>
        reject(new Error(`subscription_error on ${channel.name}: ${JSON.stringify(error)}`)),
      );
    }),
    timeoutMs,
    `subscription to ${channel.name}`,
  );
}

/** Resolves with the data of the next `event` on `channel`. */
export function nextEvent<T = unknown>(
  channel: Channel,
  event: string,
  timeoutMs = 5000,
): Promise<T> {
  return withTimeout(
    new Promise<T>((resolve) => {
      const handler = (data: T): void => {
        channel.unbind(event, handler);
        resolve(data);
      };
      channel.bind(event, handler);
    }),
    timeoutMs,
    `${event} on ${channel.name}`,
  );
}

/** Disconnects and waits until pusher-js reports the socket gone. */
export async function disconnectPusher(client: PusherClient): Promise<void> {
  const connection = client.connection;
  if (connection.state === 'disconnected' || connection.state === 'initialized') {
    client.disconnect();
    return;
  }
  const gone = new Promise<void>((resolve) => connection.bind('disconnected', () => resolve()));
  client.disconnect();
  await withTimeout(gone, 2000, 'pusher-js to disconnect').catch(() => undefined);
}
