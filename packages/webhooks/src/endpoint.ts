// Endpoint: one app's webhook URL — its batch being filled, its queue, and delivery with retries.
import type { App, WebhookConfig } from '@herald/protocol';
import type { DeadLetters } from './dead-letters';
import { redactUrl } from './redact-url';
import { isRetryable, retryDelayMs } from './retry-policy';
import type { ResolvedWebhookOptions } from './webhook-options';
import type { WebhookEvent } from './webhook-event';
import { signWebhookBody } from './webhook-signature';

/**
 * Batches never mix apps: an endpoint belongs to one app and signs with that app's secret. One
 * request is in flight per endpoint, so the receiver sees events in the order they happened
 * (a channel's `channel_occupied` before its `channel_vacated`), retries included.
 */
export class Endpoint {
  private pending: WebhookEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly queue: WebhookEvent[][] = [];
  private sending: Promise<void> | undefined;
  private retryWake: (() => void) | undefined;
  isClosing = false;

  constructor(
    private app: App,
    private hook: WebhookConfig,
    private readonly options: ResolvedWebhookOptions,
    private readonly deadLetters: DeadLetters,
  ) {}

  add(app: App, hook: WebhookConfig, event: WebhookEvent): void {
    // The provider may hand out a fresh App after a config change: sign with the newest secret.
    this.app = app;
    this.hook = hook;
    this.pending.push(event);
    if (this.pending.length >= this.options.maxBatchEvents) this.cut();
    else this.timer ??= setTimeout(() => this.cut(), this.options.batchWindowMs);
  }

  /** Closes the batch being filled and starts sending it. */
  cut(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    if (this.queue.length >= this.options.maxQueuedBatches) {
      const oldest = this.queue.splice(this.sending ? 1 : 0, 1)[0];
      if (oldest) this.giveUp(oldest, 0, 'queue full');
    }
    this.queue.push(this.pending);
    this.pending = [];
    this.sending ??= this.pump().finally(() => (this.sending = undefined));
  }

  /** Sends what is pending now; resolves when the queue is empty (retries included). */
  async drain(): Promise<void> {
    this.cut();
    // Waiting out a back-off is pointless while closing: try once more now.
    this.retryWake?.();
    await this.sending;
  }

  /** Turns every batch still queued into a dead letter (close timed out). */
  abandon(reason: string): void {
    for (const batch of this.queue.splice(0)) this.giveUp(batch, 0, reason);
  }

  get queuedBatches(): number {
    return this.queue.length + (this.pending.length > 0 ? 1 : 0);
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue[0]!;
      await this.deliver(batch);
      if (this.queue[0] === batch) this.queue.shift();
    }
  }

  private async deliver(events: WebhookEvent[]): Promise<void> {
    const body = JSON.stringify({ time_ms: Date.now(), events });
    for (let attempt = 1; ; attempt++) {
      const { status, error } = await this.post(body);
      const report = { appId: this.app.id, url: this.hook.url, events: events.length, attempt };
      if (status !== undefined && status >= 200 && status < 300) {
        this.options.onOutcome?.({ ...report, outcome: 'sent', status });
        return;
      }
      this.options.onOutcome?.({
        ...report,
        outcome: 'failed',
        ...(status === undefined ? {} : { status }),
      });
      const reason = status === undefined ? error : `HTTP ${status}`;
      if (!isRetryable(status) || attempt >= this.options.maxAttempts || this.isClosing) {
        return this.giveUp(events, attempt, reason);
      }
      const delay = retryDelayMs(attempt, this.options.retryBaseMs, this.options.retryMaxMs);
      this.options.logger?.warn(
        { appId: this.app.id, url: redactUrl(this.hook.url), attempt, reason, retryInMs: delay },
        'webhook delivery failed; retrying',
      );
      await this.sleep(delay);
    }
  }

  private async post(body: string): Promise<{ status?: number; error: string }> {
    try {
      const response = await this.options.fetch(this.hook.url, {
        method: 'POST',
        headers: {
          ...this.hook.headers,
          'content-type': 'application/json',
          'x-pusher-key': this.app.key,
          'x-pusher-signature': signWebhookBody(body, this.app.secret),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      // Read the body so the connection can be reused; its content does not matter.
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status, error: '' };
    } catch (error) {
      return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }

  private giveUp(events: WebhookEvent[], attempts: number, reason: string): void {
    this.deadLetters.add({
      appId: this.app.id,
      url: this.hook.url,
      events,
      attempts,
      reason,
      failedAtMs: Date.now(),
    });
    this.options.onOutcome?.({
      appId: this.app.id,
      url: this.hook.url,
      outcome: 'dead-letter',
      events: events.length,
      attempt: attempts,
    });
    this.options.logger?.error(
      {
        appId: this.app.id,
        url: redactUrl(this.hook.url),
        attempts,
        reason,
        events: events.length,
        eventNames: [...new Set(events.map((e) => e.name))],
      },
      'webhook batch dropped to the dead-letter record',
    );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.retryWake = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      // Retries must not keep a finished process alive; close() drains them explicitly.
      timer.unref?.();
      this.retryWake = wake;
    });
  }
}
