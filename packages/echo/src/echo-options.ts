// Options of createEcho(), with their defaults in one frozen object.
import type PusherClient from 'pusher-js';
import type { Options as PusherOptions } from 'pusher-js';
import type { BackoffOptions } from './backoff';
import type { ChannelAuthOptions } from './channel-auth';
import type { ClientEventRateOptions } from './client-event-pacer';
import type { Clock } from './clock';
import type { ConnectionConfigOptions } from './connection-config';
import type { OfflineQueueOptions } from './offline-queue';

/** Options for {@link createEcho}. */
export interface CreateEchoOptions extends ConnectionConfigOptions {
  /** How private and presence channels are authorized. @default { endpoint: '/broadcasting/auth' } */
  auth?: ChannelAuthOptions;
  /** Retry delays: exponential with full jitter, slower after a long outage. */
  backoff?: BackoffOptions;
  /**
   * A connection attempt not established after this long counts as failed, in milliseconds.
   * @default 10000
   */
  attemptTimeoutMs?: number;
  /**
   * Outage length after which the status reads `unavailable`, in milliseconds.
   * @default 10000
   */
  unavailableAfterMs?: number;
  /**
   * How often the round trip is measured while connected, in milliseconds; 0 measures once per connection.
   * @default 30000
   */
  latencyProbeIntervalMs?: number;
  /** Bounds and drop reporting of the whisper queue. */
  offlineQueue?: OfflineQueueOptions;
  /**
   * Pace of client events (whispers), live and queued alike: at most `maxPerSecond` (default 10,
   * the server's default `limits.maxClientEventsPerSecond`), so a queue flushed after a reconnect
   * loses nothing to the server's rate limit (4301). Set it to the app's limit if you changed that.
   */
  clientEventRate?: ClientEventRateOptions;
  /**
   * Retry at once on the browser's `online` event and when the page becomes visible.
   * @default true
   */
  watchNetwork?: boolean;
  /**
   * Resume resumable channels (the server's `recovery.channels`) after every reconnect: each
   * `pusher:subscribe` carries the channel's last serial, the server replays what was missed, and
   * `lease.onRecovery` reports whether the gap was closed. Servers without it ignore the field.
   * @default true
   */
  recovery?: boolean;
  /** Event namespace of laravel-echo. @default 'App.Events' */
  namespace?: string | false;
  /** Time source; tests pass a manual clock. @default the global timers */
  clock?: Clock;
  /** The pusher-js constructor, e.g. from `pusher-js/worker` in a web worker. @default pusher-js */
  Pusher?: typeof PusherClient;
  /** Extra pusher-js options, applied last (`activityTimeout`, `enabledTransports` ...). */
  pusherOptions?: Partial<PusherOptions>;
}

/** Defaults for the timing fields of {@link CreateEchoOptions}. */
export const CREATE_ECHO_DEFAULTS = Object.freeze({
  attemptTimeoutMs: 10_000,
  unavailableAfterMs: 10_000,
  latencyProbeIntervalMs: 30_000,
});
