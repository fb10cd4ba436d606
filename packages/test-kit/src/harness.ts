// Harness: one server and its clients for one test, all closed when the test finishes.
import { onTestFinished } from 'vitest';
import type Pusher from 'pusher';
import type PusherClient from 'pusher-js';
import type { AppConfig } from '@herald/protocol';
import type Echo from 'laravel-echo';
import { createEchoClient, type EchoBroadcaster } from './echo-client';
import { createPublisher } from './publisher';
import {
  createPusherClient,
  disconnectPusher,
  whenConnected,
  type PresenceUser,
} from './pusher-client';
import {
  connectEstablished,
  connectRaw,
  type EstablishedClient,
  type RawClient,
  type WireMessage,
} from './raw-client';
import type { RunningServer, ServerTarget, TargetConfig } from './server-target';
import { signedFetch, type ApiResponse, type SignedRequestOptions } from './signed-request';
import { TEST_APP } from './test-apps';

/** The query pusher-js sends; `protocol=7` is what matters. */
export const PUSHER_JS_QUERY = 'protocol=7&client=js&version=8.4.0&flash=false';

/** Config for {@link startHarness}; `apps` defaults to `[TEST_APP]`. */
export type HarnessConfig = Partial<TargetConfig>;

/**
 * Starts `target` for the current test and tracks everything opened through it. Must be called
 * inside a test: cleanup is registered with `onTestFinished`.
 */
export async function startHarness(
  target: ServerTarget,
  config: HarnessConfig = {},
): Promise<Harness> {
  const full: TargetConfig = { ...config, apps: config.apps ?? [{ ...TEST_APP }] };
  const server = await target.start(full);
  const harness = new Harness(server, full);
  onTestFinished(() => harness.dispose());
  return harness;
}

/** A running server plus factories for clients that are cleaned up with it. */
export class Harness {
  private readonly rawClients = new Set<RawClient>();
  private readonly pusherClients = new Set<PusherClient>();
  private isServerClosed = false;

  constructor(
    readonly server: RunningServer,
    readonly config: TargetConfig,
  ) {}

  /** The first app of the config. */
  get app(): AppConfig {
    return this.config.apps[0]!;
  }

  /** `http://host:port`. */
  get baseUrl(): string {
    return `http://${this.server.host}:${String(this.server.port)}`;
  }

  /** WebSocket URL for an app key, as pusher-js builds it. */
  wsUrl(key = this.app.key, query = PUSHER_JS_QUERY): string {
    return `ws://${this.server.host}:${String(this.server.port)}/app/${encodeURIComponent(key)}?${query}`;
  }

  /** WebSocket URL for any path and query (for refused-connection tests). */
  wsUrlFor(pathAndQuery: string): string {
    return `ws://${this.server.host}:${String(this.server.port)}${pathAndQuery}`;
  }

  /** Opens a raw socket without waiting for the handshake. */
  async raw(url = this.wsUrl()): Promise<RawClient> {
    const client = await connectRaw(url);
    this.rawClients.add(client);
    return client;
  }

  /** Opens a raw socket and waits for `connection_established`. */
  async connect(key = this.app.key): Promise<EstablishedClient> {
    const established = await connectEstablished(this.wsUrl(key));
    this.rawClients.add(established.client);
    return established;
  }

  /**
   * Subscribes a raw socket, signing private and presence channels with the `pusher` SDK, and
   * returns the `subscription_succeeded` frame.
   */
  async subscribe(
    socket: EstablishedClient,
    channel: string,
    user?: PresenceUser,
  ): Promise<WireMessage> {
    socket.client.send({
      event: 'pusher:subscribe',
      data: this.subscribeData(socket.socketId, channel, user),
    });
    return socket.client
      .next(
        (m) =>
          (m.event === 'pusher_internal:subscription_succeeded' ||
            m.event === 'pusher:subscription_error') &&
          m.channel === channel,
      )
      .then((m) => {
        if (m.event !== 'pusher_internal:subscription_succeeded')
          throw new Error(`Subscribing to ${channel} failed: ${m.text}`);
        return m;
      });
  }

  /** The `data` of a `pusher:subscribe` for `channel`, signed for `socketId` when the channel needs it. */
  subscribeData(
    socketId: string,
    channel: string,
    user?: PresenceUser,
    app = this.app,
  ): Record<string, string> {
    if (!channel.startsWith('private-') && !channel.startsWith('presence-')) return { channel };
    const presence = channel.startsWith('presence-') ? (user ?? { user_id: 'user-1' }) : undefined;
    const signed = this.publisher(app).authorizeChannel(
      socketId,
      channel,
      presence as Pusher.PresenceChannelData,
    );
    return signed.channel_data === undefined
      ? { channel, auth: signed.auth }
      : { channel, auth: signed.auth, channel_data: signed.channel_data };
  }

  /** A connected pusher-js client. */
  async pusher(
    options: { user?: PresenceUser; authSecret?: string; app?: AppConfig } = {},
  ): Promise<PusherClient> {
    const client = createPusherClient({
      server: this.server,
      app: options.app ?? this.app,
      ...options,
    });
    this.pusherClients.add(client);
    await whenConnected(client);
    return client;
  }

  /** A laravel-echo instance over a connected pusher-js client. */
  async echo(
    options: { user?: PresenceUser; authSecret?: string; broadcaster?: EchoBroadcaster } = {},
  ): Promise<Echo<'reverb'>> {
    const client = await this.pusher(options);
    return createEchoClient(client, this.app.key, options.broadcaster);
  }

  /** The `pusher` server SDK for an app on this server. */
  publisher(app: AppConfig = this.app, overrides: { secret?: string; key?: string } = {}): Pusher {
    return createPublisher(this.server, app, overrides);
  }

  /** A hand-signed HTTP API request (credentials default to the first app's). */
  api(
    options: Omit<SignedRequestOptions, 'key' | 'secret'> & { key?: string; secret?: string },
  ): Promise<ApiResponse> {
    return signedFetch(this.baseUrl, { key: this.app.key, secret: this.app.secret, ...options });
  }

  /** Closes the server now (for shutdown tests); cleanup will not close it again. */
  async closeServer(): Promise<void> {
    if (this.isServerClosed) return;
    this.isServerClosed = true;
    await this.server.close();
  }

  /** Closes every client, then the server. */
  async dispose(): Promise<void> {
    await Promise.all([...this.pusherClients].map((client) => disconnectPusher(client)));
    await Promise.all([...this.rawClients].map((client) => client.close()));
    await this.closeServer();
  }
}
