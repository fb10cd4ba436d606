// The device's outbox: its output, batched and posted in order, retried with back-off while the app
// is unreachable, and kept in a bounded buffer so an outage loses nothing until the bound is hit.
import type { DeviceMessage, MessageBatch } from '../relay-wire';
import { systemClock, type Clock } from './clock';

/** The outbox's numbers; the README lists them. */
export interface OutboxOptions {
  /** A batch goes out this long after its first message. @default 200 */
  batchIntervalMs?: number;
  /** At most this many messages per POST. @default 50 */
  maxBatchMessages?: number;
  /** At most this many bytes of JSON messages per POST (under Herald's 10 KiB event limit). @default 8192 */
  maxBatchBytes?: number;
  /** Messages held while the app is unreachable; past it the oldest are dropped. @default 10000 */
  maxBufferedMessages?: number;
  /** The first retry waits this long, doubling per failure. @default 250 */
  retryMinDelayMs?: number;
  /** Retries wait at most this long. @default 5000 */
  retryMaxDelayMs?: number;
  /** Longest text of one message; longer ones are cut. @default 1000 */
  maxTextLength?: number;
  clock?: Clock;
}

/** The defaults of {@link OutboxOptions}, in one place. */
export const OUTBOX_DEFAULTS = Object.freeze({
  batchIntervalMs: 200,
  maxBatchMessages: 50,
  maxBatchBytes: 8192,
  maxBufferedMessages: 10_000,
  retryMinDelayMs: 250,
  retryMaxDelayMs: 5000,
  maxTextLength: 1000,
});

/** Posts one batch; resolves when the app kept it, rejects (or throws) when it did not. */
export type BatchSender = (batch: MessageBatch) => Promise<void>;

/** What the outbox reports, for the CLI to print. */
export interface OutboxEvents {
  /** Messages dropped because the buffer was full (counted in `droppedCount`). */
  onDrop?(count: number, droppedCount: number): void;
  /** A POST failed; the same batch is retried after `delayMs`. */
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
  /** The app took a batch again after failures. */
  onRecovered?(attempts: number): void;
}

/** Batches, posts and retries a device's output, oldest first, one POST at a time. */
export class Outbox {
  readonly #options: Required<Omit<OutboxOptions, 'clock'>>;
  readonly #clock: Clock;
  readonly #queue: DeviceMessage[] = [];
  #nextSeq = 1;
  #droppedCount = 0;
  #timer: unknown;
  #isSending = false;
  /** How many messages at the front of the queue the POST in flight carries. */
  #inFlightCount = 0;
  #failures = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(
    readonly run: string,
    private readonly send: BatchSender,
    options: OutboxOptions = {},
    private readonly events: OutboxEvents = {},
  ) {
    const { clock, ...numbers } = options;
    this.#clock = clock ?? systemClock;
    this.#options = { ...OUTBOX_DEFAULTS, ...numbers };
  }

  /** Messages waiting (including the batch in flight). */
  get pendingCount(): number {
    return this.#queue.length;
  }

  /** The `seq` the next message gets. */
  get nextSeq(): number {
    return this.#nextSeq;
  }

  get droppedCount(): number {
    return this.#droppedCount;
  }

  /** Queues one line of output; a priority line is sent at once, with everything queued before it. */
  push(text: string, isPriority = false): DeviceMessage {
    const message: DeviceMessage = {
      seq: this.#nextSeq++,
      text: text.slice(0, this.#options.maxTextLength),
      isPriority,
      at: this.#clock.now(),
    };
    this.#queue.push(message);
    const overflow = this.#queue.length - this.#options.maxBufferedMessages;
    if (overflow > 0) {
      // The oldest go: they are the least useful, and a batch in flight is at the front, so the
      // messages dropped are never ones the app may already hold.
      const from = this.#isSending ? Math.min(this.#inFlightCount, this.#queue.length) : 0;
      this.#queue.splice(from, overflow);
      this.#droppedCount += overflow;
      this.events.onDrop?.(overflow, this.#droppedCount);
    }
    if (isPriority && this.#failures === 0) this.#schedule(0);
    else this.#schedule(this.#options.batchIntervalMs);
    return message;
  }

  /** Resolves once everything queued so far has been posted (or `timeoutMs` passed). */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.#queue.length === 0) return Promise.resolve(true);
    this.#schedule(0);
    return new Promise((resolve) => {
      const timer = this.#clock.setTimeout(() => resolve(false), timeoutMs);
      this.#idleWaiters.push(() => {
        this.#clock.clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Runs the next send after `ms`, unless one is due sooner (or a retry's back-off is running). */
  #schedule(ms: number): void {
    if (this.#isSending) return; // the send in flight schedules what follows
    if (this.#timer !== undefined) {
      if (ms > 0 || this.#failures > 0) return;
      this.#clock.clearTimeout(this.#timer);
    }
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#flush();
    }, ms);
  }

  /** The next batch: the oldest messages, up to the count and byte bounds. */
  #nextBatch(): DeviceMessage[] {
    const batch: DeviceMessage[] = [];
    let bytes = 2;
    for (const message of this.#queue) {
      const size = Buffer.byteLength(JSON.stringify(message)) + 1;
      if (batch.length >= this.#options.maxBatchMessages) break;
      if (batch.length > 0 && bytes + size > this.#options.maxBatchBytes) break;
      batch.push(message);
      bytes += size;
    }
    return batch;
  }

  async #flush(): Promise<void> {
    const messages = this.#nextBatch();
    if (messages.length === 0) return this.#idle();
    this.#isSending = true;
    this.#inFlightCount = messages.length;
    try {
      await this.send({ run: this.run, messages, droppedCount: this.#droppedCount });
    } catch (error) {
      this.#isSending = false;
      this.#failures += 1;
      const ceiling = Math.min(
        this.#options.retryMaxDelayMs,
        this.#options.retryMinDelayMs * 2 ** (this.#failures - 1),
      );
      // Half fixed, half jitter: devices that lost the same app do not all come back at once.
      const delayMs = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
      this.events.onRetry?.(error, this.#failures, delayMs);
      this.#timer = this.#clock.setTimeout(() => {
        this.#timer = undefined;
        void this.#flush();
      }, delayMs);
      return;
    }
    // Sent: drop exactly what went out (newer messages may have been queued meanwhile).
    const lastSent = messages.at(-1)!.seq;
    const sentNow = this.#queue.findIndex((message) => message.seq > lastSent);
    this.#queue.splice(0, sentNow === -1 ? this.#queue.length : sentNow);
    this.#isSending = false;
    this.#inFlightCount = 0;
    if (this.#failures > 0) this.events.onRecovered?.(this.#failures);
    const wasRetrying = this.#failures > 0;
    this.#failures = 0;
    if (this.#queue.length === 0) return this.#idle();
    // A backlog (after an outage) goes out back to back; otherwise wait for the next batch, unless
    // a priority message is waiting.
    const isBacklog = wasRetrying || this.#queue.length >= this.#options.maxBatchMessages;
    const hasPriority = this.#queue.some((message) => message.isPriority);
    this.#schedule(isBacklog || hasPriority ? 0 : this.#options.batchIntervalMs);
  }

  #idle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
