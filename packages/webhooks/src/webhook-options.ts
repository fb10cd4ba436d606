// Options of createWebhooks(), with their defaults in one frozen object.

/**
 * Where webhook failures are told; pino's logger fits (`logger.child({ module: 'webhooks' })`).
 * The `url` field of these lines is redacted by `redactUrl`: query values and passwords masked.
 */
export interface WebhookLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** One delivery outcome, for metrics. `events` is the batch size. */
export interface WebhookOutcome {
  readonly appId: string;
  readonly url: string;
  /** `sent`: the receiver answered 2xx; `failed`: an attempt failed (a retry may follow); `dead-letter`: given up. */
  readonly outcome: 'sent' | 'failed' | 'dead-letter';
  readonly events: number;
  /** Attempt number, from 1. */
  readonly attempt: number;
  /** HTTP status, when the receiver answered. */
  readonly status?: number;
}

export interface WebhookOptions {
  /**
   * Events of one app and URL within this window go out in one request.
   * @default 100
   */
  batchWindowMs?: number;
  /**
   * A batch is sent at once when it reaches this many events.
   * @default 50
   */
  maxBatchEvents?: number;
  /**
   * How long `channel_vacated` and `member_removed` are held; a re-join within it cancels both.
   * @default 3000
   */
  leaveDelayMs?: number;
  /**
   * Timeout of one request, in milliseconds.
   * @default 5000
   */
  timeoutMs?: number;
  /**
   * Attempts per batch, the first included, before it becomes a dead letter.
   * @default 6
   */
  maxAttempts?: number;
  /**
   * First retry delay; each further one doubles (with jitter), up to `retryMaxMs`.
   * @default 1000
   */
  retryBaseMs?: number;
  /** @default 60000 */
  retryMaxMs?: number;
  /**
   * Batches waiting per app and URL while the receiver is slow or down; beyond it the oldest
   * becomes a dead letter (`queue full`), so memory stays bounded.
   * @default 1000
   */
  maxQueuedBatches?: number;
  /**
   * Dead letters kept for inspection (`deadLetters()`); older ones are only counted.
   * @default 100
   */
  deadLetterCapacity?: number;
  /**
   * How long `close()` waits for batches still in flight; what is left becomes dead letters.
   * @default 5000
   */
  closeTimeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  logger?: WebhookLogger;
  /** Called for each outcome (metrics: `metrics.observeWebhook`). Must not throw. */
  onOutcome?: (outcome: WebhookOutcome) => void;
}

export const WEBHOOK_DEFAULTS = Object.freeze({
  batchWindowMs: 100,
  maxBatchEvents: 50,
  leaveDelayMs: 3000,
  timeoutMs: 5000,
  maxAttempts: 6,
  retryBaseMs: 1000,
  retryMaxMs: 60_000,
  maxQueuedBatches: 1000,
  deadLetterCapacity: 100,
  closeTimeoutMs: 5000,
});

export type ResolvedWebhookOptions = Record<keyof typeof WEBHOOK_DEFAULTS, number> & {
  fetch: typeof fetch;
  logger: WebhookLogger | undefined;
  onOutcome: ((outcome: WebhookOutcome) => void) | undefined;
};

export function resolveWebhookOptions(options: WebhookOptions): ResolvedWebhookOptions {
  const resolved: Record<keyof typeof WEBHOOK_DEFAULTS, number> = { ...WEBHOOK_DEFAULTS };
  for (const name of Object.keys(WEBHOOK_DEFAULTS) as Array<keyof typeof WEBHOOK_DEFAULTS>) {
    const value = options[name] ?? WEBHOOK_DEFAULTS[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new TypeError(`webhooks ${name} must be a non-negative number`);
    resolved[name] = value;
  }
  if (resolved.maxAttempts < 1) throw new TypeError('webhooks maxAttempts must be at least 1');
  if (resolved.maxBatchEvents < 1)
    throw new TypeError('webhooks maxBatchEvents must be at least 1');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function')
    throw new TypeError('webhooks need fetch (Node 18+), or pass options.fetch');
  return { ...resolved, fetch: fetchImpl, logger: options.logger, onOutcome: options.onOutcome };
}
