// createEcho(): an upstream laravel-echo instance on pusher-js, set up for Herald, plus the stores.
import Echo from 'laravel-echo';
import PusherClient from 'pusher-js';
import { createBackoff } from './backoff';
import { createChannelAuthHandler } from './channel-auth';
import type { EventMap } from './channel-lease';
import { createChannelRegistry, type ChannelRegistry } from './channel-registry';
import { createChannelRecovery, type ChannelRecovery } from './channel-recovery';
import { systemClock } from './clock';
import { resolveConnection } from './connection-config';
import {
  INITIAL_CONNECTION_STATUS,
  type ConnectionStatus,
  type ConnectionStatusStore,
} from './connection-status';
import { CREATE_ECHO_DEFAULTS, type CreateEchoOptions } from './echo-options';
import { startLatencyProbe } from './latency-probe';
import { watchNetworkSignals } from './network-signals';
import { createOfflineQueue, type OfflineQueue } from './offline-queue';
import { bindPusherConnection, managerOf, pusherDriver } from './pusher-binding';
import { Reconnector } from './reconnector';
import { createStore } from './store';
import { createClientEventPacer } from './client-event-pacer';
import { createClientEventSender, type WhisperOptions, type WhisperResult } from './whisper';

/** What {@link createEcho} returns: the upstream Echo and pusher-js instances, and Herald's stores. */
export interface HeraldEcho<Events extends EventMap = EventMap> {
  /** The upstream laravel-echo instance: every Echo API works on it. */
  readonly echo: Echo<'reverb'> | Echo<'pusher'>;
  /** The pusher-js client under it. */
  readonly pusher: PusherClient;
  /** Connection status store. */
  readonly status: ConnectionStatusStore;
  /** Reference-counted channels with typed events and presence rosters. */
  readonly channels: ChannelRegistry<Events>;
  /** Serials of resumable channels; `undefined` with `recovery: false`. */
  readonly recovery: ChannelRecovery | undefined;
  /** Client events waiting for their channel; its snapshot holds `size` and `droppedCount`. */
  readonly queue: Pick<OfflineQueue, 'subscribe' | 'getSnapshot'>;
  /** The socket id while connected; what interceptors send as `X-Socket-ID`. */
  socketId(): string | undefined;
  /** Sends client event `event` on full channel name `channel`, or queues it (see {@link WhisperOptions}). */
  whisper(channel: string, event: string, data: unknown, options?: WhisperOptions): WhisperResult;
  /** Connects again after {@link HeraldEcho.disconnect}. */
  connect(): void;
  /** Closes the connection; the status reads `disconnected` and no retry happens. */
  disconnect(): void;
  /**
   * Disconnects for good: stops every timer and removes the online/offline/visibility listeners,
   * so a script, an SSR server or a test exits at once. The echo cannot connect again.
   */
  dispose(): void;
}

/**
 * Creates laravel-echo on pusher-js for a Herald (or Reverb, or Pusher) server. Importing this
 * module touches no `window` or `document`; browser signals are read here, when called.
 *
 * @example
 * ```ts
 * const herald = createEcho({ env: import.meta.env, auth: { getHeaders: async () => ({ Authorization: `Bearer ${await token()}` }) } });
 * const orders = herald.channels.acquire<{ 'order.shipped': { id: string } }>('orders', 'private');
 * orders.listen('order.shipped', (e) => console.log(e.id));
 * herald.status.subscribe(() => console.log(herald.status.getSnapshot().state));
 * ```
 */
export function createEcho<Events extends EventMap = EventMap>(
  options: CreateEchoOptions = {},
): HeraldEcho<Events> {
  const connection = resolveConnection(options);
  const clock = options.clock ?? systemClock;
  const status = createStore<ConnectionStatus>({
    ...INITIAL_CONNECTION_STATUS,
    downSince: clock.now(),
  });
  const queue = createOfflineQueue(clock, options.offlineQueue);
  const PusherCtor = options.Pusher ?? PusherClient;
  const pusher = new PusherCtor(connection.key, {
    cluster: connection.cluster,
    ...(connection.wsHost === undefined
      ? {}
      : {
          wsHost: connection.wsHost,
          wsPort: connection.wsPort,
          wssPort: connection.wssPort,
          // The HTTP fallback is served on the WebSocket's own host and port.
          httpHost: connection.wsHost,
          httpPort: connection.wsPort,
          httpsPort: connection.wssPort,
          httpPath: connection.httpPath,
        }),
    forceTLS: connection.forceTLS,
    enabledTransports: connection.enabledTransports,
    disableStats: true,
    channelAuthorization: {
      endpoint: options.auth?.endpoint ?? '/broadcasting/auth',
      transport: 'ajax',
      customHandler: createChannelAuthHandler(options.auth),
    },
    ...options.pusherOptions,
  });

  const reconnector = new Reconnector(
    pusherDriver(pusher),
    createBackoff(options.backoff),
    clock,
    status,
    {
      attemptTimeoutMs: options.attemptTimeoutMs ?? CREATE_ECHO_DEFAULTS.attemptTimeoutMs,
      unavailableAfterMs: options.unavailableAfterMs ?? CREATE_ECHO_DEFAULTS.unavailableAfterMs,
    },
  );
  const unbindConnection = bindPusherConnection(pusher, reconnector, clock);
  const stopLatencyProbe = startLatencyProbe(
    pusher,
    clock,
    status,
    options.latencyProbeIntervalMs ?? CREATE_ECHO_DEFAULTS.latencyProbeIntervalMs,
  );
  const stopNetworkSignals =
    options.watchNetwork === false
      ? () => {}
      : watchNetworkSignals({
          onOnline: () => reconnector.setOnline(true),
          onOffline: () => reconnector.setOnline(false),
          onVisible: () => reconnector.wake(),
        });

  // Queued whispers go out once their channel is subscribed again, oldest first, at the pacer's rate.
  const sender = createClientEventSender(
    pusher,
    queue,
    createClientEventPacer(clock, options.clientEventRate),
    clock,
  );
  const manager = managerOf(pusher);
  manager.bind('message', (data: unknown) => {
    const message = data as { event?: string; channel?: string };
    if (
      message.event === 'pusher_internal:subscription_succeeded' &&
      typeof message.channel === 'string'
    ) {
      sender.drain();
    }
  });

  const echoOptions = {
    key: connection.key,
    client: pusher,
    withoutInterceptors: true,
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
  };
  const echo =
    connection.broadcaster === 'reverb'
      ? new Echo({ ...echoOptions, broadcaster: 'reverb' })
      : new Echo({ ...echoOptions, broadcaster: 'pusher' });
  const whisper = sender.whisper;
  const recovery = options.recovery === false ? undefined : createChannelRecovery(pusher);
  const channels = createChannelRegistry<Events>(echo, {
    whisper,
    connection: manager,
    ...(recovery === undefined ? {} : { recovery }),
  });
  let isDisposed = false;

  return {
    echo,
    pusher,
    status,
    channels,
    recovery,
    queue: { subscribe: queue.subscribe, getSnapshot: queue.getSnapshot },
    socketId: () => (manager.state === 'connected' ? manager.socket_id || undefined : undefined),
    whisper,
    connect: () => {
      if (isDisposed)
        throw new TypeError('This echo was disposed: create a new one with createEcho()');
      pusher.connect();
    },
    disconnect: () => pusher.disconnect(),
    dispose: () => {
      if (isDisposed) return;
      isDisposed = true;
      pusher.disconnect();
      stopLatencyProbe();
      stopNetworkSignals();
      unbindConnection();
      reconnector.dispose();
      sender.dispose();
      queue.dispose();
      recovery?.dispose();
    },
  };
}
