// Offline queue: client events (whispers) sent while down wait here, bounded by size and age.
import type { Clock, TimerHandle } from './clock';
import { createStore, type ReadableStore } from './store';

/** A client event waiting for its channel to be subscribed again. */
export interface QueuedClientEvent {
  /** Full channel name (`private-chat.1`, `presence-room.2`). */
  readonly channel: string;
  /** Full event name, `client-` prefix included. */
  readonly event: string;
  readonly data: unknown;
  /** When it was queued, on the echo's clock. */
  readonly queuedAt: number;
}

/**
 * Why a client event was dropped instead of sent: the queue was full (`overflow`, oldest first),
 * the event waited longer than `maxAgeMs` (`expired`), or a `volatile` whisper could not go out at
 * once, because its channel was down (`volatile`) or the socket's client-event rate was spent
 * (`throttled`).
 */
export type ClientEventDropReason = 'overflow' | 'expired' | 'volatile' | 'throttled';

/**
 * What {@link OfflineQueue.drain}'s `send` did with one event: `sent` (removed from the queue),
 * `blocked` (its channel cannot take it yet: keep it and every later event of that channel) or
 * `stop` (nothing more may go now: keep it and everything after it).
 */
export type DrainVerdict = 'sent' | 'blocked' | 'stop';

/** Bounds and reporting for the offline queue. */
export interface OfflineQueueOptions {
  /**
   * Most events held at once; the oldest is dropped to make room.
   * @default 100
   */
  maxMessages?: number;
  /**
   * Oldest event still worth sending, in milliseconds.
   * @default 30000
   */
  maxAgeMs?: number;
  /** Called for every dropped event, with the reason. */
  onDrop?: (event: QueuedClientEvent, reason: ClientEventDropReason) => void;
}

/** Defaults for {@link OfflineQueueOptions}. */
export const OFFLINE_QUEUE_DEFAULTS = Object.freeze({ maxMessages: 100, maxAgeMs: 30_000 });

/** One snapshot of the queue store. */
export interface OfflineQueueState {
  /** Events waiting. */
  readonly size: number;
  /** Events dropped since the echo was created, for every reason. */
  readonly droppedCount: number;
}

/** The offline queue: a store of its size and drop counter, plus the operations the echo uses. */
export interface OfflineQueue extends ReadableStore<OfflineQueueState> {
  enqueue(event: QueuedClientEvent): void;
  /** Reports an event that was never queued (a `volatile` send while down). */
  drop(event: QueuedClientEvent, reason: ClientEventDropReason): void;
  /**
   * Sends the events queued for `channel`, oldest first, through `send`; stops at the first one
   * `send` refuses, keeping it and those after it. Returns how many were sent.
   */
  flush(channel: string, send: (event: QueuedClientEvent) => boolean): number;
  /**
   * Offers every queued event, oldest first, to `send` (see {@link DrainVerdict}), so each
   * channel's events leave in the order they were queued. Returns how many were sent.
   */
  drain(send: (event: QueuedClientEvent) => DrainVerdict): number;
  /** Whether an event for `channel` is waiting (a new one must go behind it). */
  has(channel: string): boolean;
  /** Stops the expiry timer. */
  dispose(): void;
}

/** Creates an {@link OfflineQueue}. */
export function createOfflineQueue(clock: Clock, options: OfflineQueueOptions = {}): OfflineQueue {
  const maxMessages = options.maxMessages ?? OFFLINE_QUEUE_DEFAULTS.maxMessages;
  const maxAgeMs = options.maxAgeMs ?? OFFLINE_QUEUE_DEFAULTS.maxAgeMs;
  if (!(maxMessages >= 0) || !(maxAgeMs >= 0))
    throw new TypeError('offlineQueue: bounds must be >= 0');
  const store = createStore<OfflineQueueState>({ size: 0, droppedCount: 0 });
  let items: QueuedClientEvent[] = [];
  let expiryTimer: TimerHandle | undefined;

  const publish = (dropped: number): void =>
    store.update((s) => ({ size: items.length, droppedCount: s.droppedCount + dropped }));

  const report = (event: QueuedClientEvent, reason: ClientEventDropReason): void => {
    try {
      options.onDrop?.(event, reason);
    } catch {
      // A throwing callback must not lose the other reports or the queue's state.
    }
  };

  const prune = (): number => {
    const cutoff = clock.now() - maxAgeMs;
    const expired = items.filter((item) => item.queuedAt <= cutoff);
    if (expired.length > 0) items = items.filter((item) => item.queuedAt > cutoff);
    for (const item of expired) report(item, 'expired');
    return expired.length;
  };

  const armExpiry = (): void => {
    if (expiryTimer !== undefined) clock.clearTimeout(expiryTimer);
    expiryTimer = undefined;
    const oldest = items[0];
    if (oldest === undefined) return;
    const dueInMs = Math.max(0, oldest.queuedAt + maxAgeMs - clock.now());
    expiryTimer = clock.setTimeout(() => {
      expiryTimer = undefined;
      publish(prune());
      armExpiry();
    }, dueInMs);
  };

  const drain = (send: (event: QueuedClientEvent) => DrainVerdict): number => {
    const dropped = prune();
    let sent = 0;
    const kept: QueuedClientEvent[] = [];
    const blocked = new Set<string>();
    let isStopped = false;
    for (const item of items) {
      if (isStopped || blocked.has(item.channel)) {
        kept.push(item);
        continue;
      }
      const verdict = send(item);
      if (verdict === 'sent') {
        sent += 1;
        continue;
      }
      kept.push(item);
      if (verdict === 'stop') isStopped = true;
      else blocked.add(item.channel);
    }
    items = kept;
    publish(dropped);
    armExpiry();
    return sent;
  };

  return {
    subscribe: store.subscribe,
    getSnapshot: store.getSnapshot,
    enqueue(event) {
      let dropped = prune();
      items.push(event);
      while (items.length > maxMessages) {
        const oldest = items.shift() as QueuedClientEvent;
        report(oldest, 'overflow');
        dropped += 1;
      }
      publish(dropped);
      armExpiry();
    },
    drop(event, reason) {
      report(event, reason);
      publish(1);
    },
    flush(channel, send) {
      return drain((item) => (item.channel === channel && send(item) ? 'sent' : 'blocked'));
    },
    drain,
    has(channel) {
      return items.some((item) => item.channel === channel);
    },
    dispose() {
      if (expiryTimer !== undefined) clock.clearTimeout(expiryTimer);
      expiryTimer = undefined;
    },
  };
}
