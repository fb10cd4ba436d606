// Test support: Herald on 127.0.0.1:0 with metrics, real pusher-js clients and the real pusher SDK.
import Pusher from 'pusher';
import PusherClient, { type Channel } from 'pusher-js';
import { createNodeServer, type NodeServer, type NodeServerOptions } from '@herald/node';
import type { AppConfig } from '@herald/protocol';
import { createMetrics, type HeraldMetrics, type MetricsOptions } from '@herald/metrics';
import { parseExposition, type Family } from '../../../metrics/test/exposition';

/** The app most tests use. */
export const APP: AppConfig = Object.freeze({ id: 'app-id', key: 'app-key', secret: 'app-secret' });
/** A second app with client events off, to see refusals and per-app labels. */
export const QUIET_APP: AppConfig = Object.freeze({
  id: 'quiet-id',
  key: 'quiet-key',
  secret: 'quiet-secret',
  clientEvents: 'none',
});

const TIMEOUT_MS = 5000;

/** A running node with metrics; `stop()` disconnects every client and closes both. */
export interface Started {
  node: NodeServer;
  port: number;
  metrics: HeraldMetrics;
  /** A pusher-js client on `app` (default {@link APP}), connected. */
  client(options?: {
    app?: AppConfig;
    userId?: string;
    transport?: ClientTransport;
  }): Promise<PusherClient>;
  /** A `pusher` SDK publisher; `secret` overrides the app's (for 401 tests). */
  publisher(options?: { app?: AppConfig; secret?: string }): Pusher;
  /** `GET /metrics` through `metrics.handle`, parsed and checked. */
  scrape(): Promise<Map<string, Family>>;
  stop(): Promise<void>;
}

/** Starts Herald serving {@link APP} and {@link QUIET_APP}, with metrics on it. */
export async function start(
  options: { server?: Partial<NodeServerOptions>; metrics?: MetricsOptions } = {},
): Promise<Started> {
  const node = createNodeServer({
    apps: [APP, QUIET_APP],
    host: '127.0.0.1',
    port: 0,
    ...options.server,
  });
  const { port } = await node.listen();
  const metrics = createMetrics(node.herald, { collectDefaultMetrics: false, ...options.metrics });
  const clients: PusherClient[] = [];
  return {
    node,
    port,
    metrics,
    async client({ app = APP, userId = 'user-1', transport = 'ws' } = {}) {
      const client = pusherClient(port, app, userId, transport);
      clients.push(client);
      await whenConnected(client);
      return client;
    },
    publisher: ({ app = APP, secret } = {}) => publisher(port, app, secret),
    async scrape() {
      const response = await metrics.handle({
        method: 'GET',
        path: '/metrics',
        query: '',
        headers: {},
        body: '',
      });
      if (response?.status !== 200) throw new Error(`scrape answered ${JSON.stringify(response)}`);
      return parseExposition(response.body);
    },
    async stop() {
      await Promise.all(clients.map(disconnect));
      await metrics.close();
      await node.close();
    },
  };
}

/** The one transport a test client may use: WebSocket, or one of pusher-js's HTTP fallbacks. */
export type ClientTransport = 'ws' | 'xhr_streaming' | 'xhr_polling';

/** A pusher-js client, connecting from construction (not waited on); channel auth signed by the `pusher` SDK. */
export function pusherClient(
  port: number,
  app: AppConfig,
  userId = 'user-1',
  transport: ClientTransport = 'ws',
): PusherClient {
  const signer = publisher(port, app);
  return new PusherClient(app.key, {
    wsHost: '127.0.0.1',
    wsPort: port,
    httpHost: '127.0.0.1',
    httpPort: port,
    forceTLS: false,
    enabledTransports: [transport],
    cluster: '',
    disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        const presence = channelName.startsWith('presence-') ? { user_id: userId } : undefined;
        callback(null, signer.authorizeChannel(socketId, channelName, presence));
      },
    },
  });
}

function publisher(port: number, app: AppConfig, secret = app.secret): Pusher {
  return new Pusher({
    appId: app.id,
    key: app.key,
    secret,
    host: '127.0.0.1',
    port: String(port),
    useTLS: false,
    timeout: TIMEOUT_MS,
  });
}

/** Resolves once connected; rejects on failure or timeout. */
export function whenConnected(client: PusherClient): Promise<void> {
  if (client.connection.state === 'connected') return Promise.resolve();
  return withTimeout('pusher-js to connect', (resolve, reject) => {
    client.connection.bind('connected', () => resolve());
    client.connection.bind('failed', () => reject(new Error('pusher-js connection failed')));
  });
}

/** Subscribes and resolves on `pusher:subscription_succeeded`. */
export function subscribe(client: PusherClient, name: string): Promise<Channel> {
  const channel = client.subscribe(name);
  return withTimeout(`subscription to ${name}`, (resolve, reject) => {
    channel.bind('pusher:subscription_succeeded', () => resolve(channel));
    channel.bind('pusher:subscription_error', (error: unknown) =>
      reject(new Error(`subscription_error: ${JSON.stringify(error)}`)),
    );
  });
}

/** Resolves with the next `event` on `channel`. */
export function nextEvent(channel: Channel, event: string): Promise<unknown> {
  return withTimeout(`${event} on ${channel.name}`, (resolve) => {
    channel.bind(event, (data: unknown) => resolve(data));
  });
}

/** What pusher-js emits as `error`; a refusal during the handshake comes wrapped in `error`. */
interface PusherJsError {
  data?: { code?: number };
  error?: { data?: { code?: number } };
}

/** Resolves with the code of the next `pusher:error` the client receives. */
export function nextErrorCode(client: PusherClient): Promise<number> {
  return withTimeout('a pusher:error', (resolve) => {
    client.connection.bind('error', (event: PusherJsError) => {
      const code = event.data?.code ?? event.error?.data?.code;
      if (code !== undefined) resolve(code);
    });
  });
}

async function disconnect(client: PusherClient): Promise<void> {
  const state = client.connection.state;
  if (state === 'disconnected' || state === 'initialized' || state === 'failed') {
    client.disconnect();
    return;
  }
  const gone = new Promise<void>((resolve) =>
    client.connection.bind('disconnected', () => resolve()),
  );
  client.disconnect();
  await gone;
}

function withTimeout<T>(
  what: string,
  executor: (resolve: (value: T) => void, reject: (error: Error) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
    executor(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
