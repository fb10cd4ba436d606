// App: one tenant of the server, with its credentials, policies and limits.
import { defineRecovery, type RecoveryConfig, type RecoveryConfigInput } from './recovery-config';
import { defineWebhooks, type WebhookConfig, type WebhookConfigInput } from './webhook-config';

/** Limits enforced per app. Defaults follow Pusher's published limits where they exist. */
export interface AppLimits {
  /**
   * Concurrent connections across the cluster; `0` means unlimited.
   * @default 0
   */
  readonly maxConnections: number;
  /**
   * Largest inbound WebSocket message, in bytes.
   * @default 10240
   */
  readonly maxMessageBytes: number;
  /**
   * Largest event `data` accepted by the HTTP API, in bytes (Pusher: 10 KB).
   * @default 10240
   */
  readonly maxEventPayloadBytes: number;
  /**
   * Longest event name, in characters (Pusher: 200).
   * @default 200
   */
  readonly maxEventNameLength: number;
  /**
   * Longest channel name, in characters (Pusher: 164).
   * @default 164
   */
  readonly maxChannelNameLength: number;
  /**
   * Channels one publish may name (Pusher: 100).
   * @default 100
   */
  readonly maxChannelsPerPublish: number;
  /**
   * Events in one batch request (Pusher: 10).
   * @default 10
   */
  readonly maxBatchEvents: number;
  /**
   * Channels one connection may be subscribed to at once; `0` means unlimited. Pusher documents no
   * such cap; without one a single socket can hold any number of channels (and the memory of each).
   * A subscribe over it is refused with `pusher:subscription_error` (`LimitReached`, status 4004)
   * and the connection stays open.
   * @default 100
   */
  readonly maxChannelsPerConnection: number;
  /**
   * Members of one presence channel (Pusher: 100).
   * @default 100
   */
  readonly maxPresenceMembers: number;
  /**
   * Size of one presence member's `user_info` as JSON, in bytes (Pusher: 1 KB).
   * @default 1024
   */
  readonly maxPresenceMemberInfoBytes: number;
  /**
   * Client events one socket may send per second (Pusher: 10).
   * @default 10
   */
  readonly maxClientEventsPerSecond: number;
  /**
   * Largest HTTP API request body, in bytes.
   * @default 1048576
   */
  readonly maxRequestBodyBytes: number;
  /**
   * Users one signed-in socket may watch (Pusher: 100).
   * @default 100
   */
  readonly maxWatchlistSize: number;
  /**
   * Events per second the HTTP API accepts for the app (a batch counts each event), cluster-wide;
   * `0` means unlimited. Over it: 429 with `X-RateLimit-*` headers.
   * @default 0
   */
  readonly apiEventsPerSecond: number;
  /**
   * Read requests per second (channel lists, channel info, users), cluster-wide; `0` = unlimited.
   * @default 0
   */
  readonly apiReadsPerSecond: number;
  /**
   * Fan-out deliveries of this app's events that may be queued on one node before its publishes
   * get 503 with `Retry-After`; `0` = only the node-wide `maxQueuedDeliveries` applies.
   * @default 0
   */
  readonly maxQueuedDeliveries: number;
}

/** Who may send client events (`client-*`) on private and presence channels. */
export type ClientEventPolicy = 'members' | 'none';

/** A fully-resolved app; build one from partial config with `defineApp`. */
export interface App {
  readonly id: string;
  readonly key: string;
  /** Never logged, never sent to clients or other nodes. */
  readonly secret: string;
  /**
   * Disabled apps refuse connections (4003) and API requests.
   * @default true
   */
  readonly enabled: boolean;
  /**
   * `members`: subscribed sockets on private and presence channels may send client events.
   * @default 'members'
   */
  readonly clientEvents: ClientEventPolicy;
  /**
   * Origins allowed to connect, with `*` wildcards (`https://*.example.com`). A browser connection
   * from another origin is refused with 4009. Connections without an Origin header (servers, CLIs)
   * are allowed: the header is a browser safeguard, not a credential.
   * @default ['*']
   */
  readonly allowedOrigins: readonly string[];
  /**
   * Send `pusher_internal:subscription_count` to subscribers of non-presence channels when the
   * count changes (throttled per channel).
   * @default false
   */
  readonly subscriptionCount: boolean;
  /**
   * Seconds a cache channel remembers its last event.
   * @default 1800
   */
  readonly cacheTtlSeconds: number;
  /**
   * Milliseconds a connection has to `pusher:signin` before it is closed with 4009; `0` = never required.
   * @default 0
   */
  readonly signinTimeoutMs: number;
  /** Where the app's webhooks go (sent by @herald/webhooks). @default [] */
  readonly webhooks: readonly WebhookConfig[];
  /**
   * Resumable channels: serials on their events, replay on resubscribe, the history endpoint.
   * @default undefined (off)
   */
  readonly recovery: RecoveryConfig | undefined;
  readonly limits: AppLimits;
}

/** App settings as written in config; everything but the credentials is optional. */
export interface AppConfig {
  id: string;
  key: string;
  secret: string;
  enabled?: boolean;
  clientEvents?: ClientEventPolicy;
  allowedOrigins?: readonly string[];
  subscriptionCount?: boolean;
  cacheTtlSeconds?: number;
  signinTimeoutMs?: number;
  webhooks?: readonly WebhookConfigInput[];
  recovery?: RecoveryConfigInput;
  limits?: Partial<AppLimits>;
}

/** Default limits, frozen. */
export const DEFAULT_APP_LIMITS: AppLimits = Object.freeze({
  maxConnections: 0,
  maxMessageBytes: 10_240,
  maxEventPayloadBytes: 10_240,
  maxEventNameLength: 200,
  maxChannelNameLength: 164,
  maxChannelsPerPublish: 100,
  maxBatchEvents: 10,
  maxChannelsPerConnection: 100,
  maxPresenceMembers: 100,
  maxPresenceMemberInfoBytes: 1_024,
  maxClientEventsPerSecond: 10,
  maxRequestBodyBytes: 1_048_576,
  maxWatchlistSize: 100,
  apiEventsPerSecond: 0,
  apiReadsPerSecond: 0,
  maxQueuedDeliveries: 0,
});

/**
 * Resolves config into an {@link App}, filling defaults.
 * @throws TypeError naming the field when a credential is missing or a limit is not a number.
 */
export function defineApp(config: AppConfig): App {
  for (const field of ['id', 'key', 'secret'] as const) {
    if (typeof config[field] !== 'string' || config[field].length === 0) {
      throw new TypeError(`app.${field} must be a non-empty string`);
    }
  }
  const limits: AppLimits = { ...DEFAULT_APP_LIMITS, ...config.limits };
  for (const [name, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`app "${config.id}" limits.${name} must be a non-negative number`);
    }
  }
  const clientEvents = config.clientEvents ?? 'members';
  if (clientEvents !== 'members' && clientEvents !== 'none') {
    throw new TypeError(`app "${config.id}" clientEvents must be 'members' or 'none'`);
  }
  const allowedOrigins: readonly unknown[] = config.allowedOrigins ?? ['*'];
  if (
    !Array.isArray(allowedOrigins) ||
    !allowedOrigins.every((o): o is string => typeof o === 'string' && o.length > 0)
  ) {
    throw new TypeError(`app "${config.id}" allowedOrigins must be a list of non-empty strings`);
  }
  const cacheTtlSeconds = nonNegative(config, 'cacheTtlSeconds', config.cacheTtlSeconds ?? 1800);
  const signinTimeoutMs = nonNegative(config, 'signinTimeoutMs', config.signinTimeoutMs ?? 0);
  return Object.freeze({
    id: config.id,
    key: config.key,
    secret: config.secret,
    enabled: config.enabled ?? true,
    clientEvents,
    allowedOrigins: Object.freeze([...(allowedOrigins as readonly string[])]),
    subscriptionCount: config.subscriptionCount ?? false,
    cacheTtlSeconds,
    signinTimeoutMs,
    webhooks: defineWebhooks(config.id, config.webhooks),
    recovery: defineRecovery(config.id, config.recovery),
    limits: Object.freeze(limits),
  });
}

function nonNegative(config: AppConfig, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`app "${config.id}" ${field} must be a non-negative number`);
  }
  return value;
}
