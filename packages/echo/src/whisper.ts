// Whisper: sends a client event now if its channel is live and the rate allows, else queues or drops it, never silently.
import type Pusher from 'pusher-js';
import { ChannelPrefix } from './channel-name';
import type { ClientEventPacer } from './client-event-pacer';
import type { Clock, TimerHandle } from './clock';
import type { OfflineQueue, QueuedClientEvent } from './offline-queue';

/** Per-message delivery choice. */
export interface WhisperOptions {
  /**
   * Drop (and report) the event instead of queueing it when it cannot go out at once (channel not
   * live, or the socket's client-event rate spent): for typing indicators and cursor positions,
   * where a late copy is worse than none.
   * @default false
   */
  volatile?: boolean;
}

/** What happened to a whisper: `sent` on the wire, `queued` for later, or `dropped` (reported). */
export type WhisperResult = 'sent' | 'queued' | 'dropped';

/** Sends `event` on a live channel; `false` when the channel or connection is not up. */
export function sendClientEvent(
  pusher: Pusher,
  item: Pick<QueuedClientEvent, 'channel' | 'event' | 'data'>,
): boolean {
  const channel = pusher.channel(item.channel);
  if (channel === undefined || !isLive(pusher, item.channel)) return false;
  return channel.trigger(item.event, item.data);
}

function isLive(pusher: Pusher, channelName: string): boolean {
  return (
    pusher.channel(channelName)?.subscribed === true && pusher.connection.state === 'connected'
  );
}

/** The echo's outgoing client events: `whisper` for the app, `drain` for when a channel comes back. */
export interface ClientEventSender {
  readonly whisper: (
    channel: string,
    event: string,
    data: unknown,
    options?: WhisperOptions,
  ) => WhisperResult;
  /** Sends what is queued for live channels, at the pacer's rate; call when a subscription succeeds. */
  readonly drain: () => void;
  /** Stops the pacer's pending drain, so nothing keeps a process alive. */
  readonly dispose: () => void;
}

/**
 * Creates the echo's whisper function over `pusher`, `queue` and `pacer`. Every client event, live
 * or queued, spends the pacer's budget, so a reconnect that finds 30 queued whispers sends them
 * over three seconds instead of losing 20 to the server's 10-per-second limit (4301). A whisper
 * never overtakes one queued earlier for its channel.
 */
export function createClientEventSender(
  pusher: Pusher,
  queue: OfflineQueue,
  pacer: ClientEventPacer,
  clock: Clock,
): ClientEventSender {
  let drainTimer: TimerHandle | undefined;

  const drain = (): void => {
    if (drainTimer !== undefined) clock.clearTimeout(drainTimer);
    drainTimer = undefined;
    let waitMs = 0;
    queue.drain((item) => {
      if (!isLive(pusher, item.channel)) return 'blocked';
      waitMs = pacer.waitMs();
      if (waitMs > 0) return 'stop';
      if (!sendClientEvent(pusher, item)) return 'blocked';
      pacer.record();
      return 'sent';
    });
    // Only the pacer schedules a retry; a channel that is down is drained by its next subscription.
    if (waitMs > 0) drainTimer = clock.setTimeout(drain, waitMs);
  };

  const whisper = (
    channel: string,
    event: string,
    data: unknown,
    options: WhisperOptions = {},
  ): WhisperResult => {
    const fullEvent = event.startsWith(ChannelPrefix.clientEvent)
      ? event
      : ChannelPrefix.clientEvent + event;
    const item: QueuedClientEvent = { channel, event: fullEvent, data, queuedAt: clock.now() };
    const isChannelLive = isLive(pusher, channel);
    if (
      isChannelLive &&
      !queue.has(channel) &&
      pacer.waitMs() === 0 &&
      sendClientEvent(pusher, item)
    ) {
      pacer.record();
      return 'sent';
    }
    if (options.volatile === true) {
      // Live channel: it was the rate (or the backlog the rate built) that held it back.
      queue.drop(item, isChannelLive ? 'throttled' : 'volatile');
      return 'dropped';
    }
    queue.enqueue(item);
    if (drainTimer === undefined && isChannelLive) drain();
    return 'queued';
  };

  const dispose = (): void => {
    if (drainTimer !== undefined) clock.clearTimeout(drainTimer);
    drainTimer = undefined;
  };
  return { whisper, drain, dispose };
}
