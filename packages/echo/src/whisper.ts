// Whisper: sends a client event now if the channel is live, else queues or drops it, never silently.
import type Pusher from 'pusher-js';
import { ChannelPrefix } from './channel-name';
import type { Clock } from './clock';
import type { OfflineQueue, QueuedClientEvent } from './offline-queue';

/** Per-message delivery choice. */
export interface WhisperOptions {
  /**
   * Drop (and report) the event instead of queueing it when the channel is not live: for
   * typing indicators and cursor positions, where a late copy is worse than none.
   * @default false
   */
  volatile?: boolean;
}

/** What happened to a whisper: `sent` on the wire, `queued` for later, or `dropped` (reported). */
export type WhisperResult = 'sent' | 'queued' | 'dropped';

/** Sends `event` on a live channel; `false` when the channel or connection is not up. */
export function sendClientEvent(pusher: Pusher, item: Pick<QueuedClientEvent, 'channel' | 'event' | 'data'>): boolean {
  const channel = pusher.channel(item.channel);
  if (channel === undefined || !channel.subscribed || pusher.connection.state !== 'connected') return false;
  return channel.trigger(item.event, item.data);
}

/** Creates the echo's whisper function over `pusher` and `queue`. */
export function createWhisper(pusher: Pusher, queue: OfflineQueue, clock: Clock) {
  return (channel: string, event: string, data: unknown, options: WhisperOptions = {}): WhisperResult => {
    const fullEvent = event.startsWith(ChannelPrefix.clientEvent) ? event : ChannelPrefix.clientEvent + event;
    const item: QueuedClientEvent = { channel, event: fullEvent, data, queuedAt: clock.now() };
    if (sendClientEvent(pusher, item)) return 'sent';
    if (options.volatile === true) {
      queue.drop(item, 'volatile');
      return 'dropped';
    }
    queue.enqueue(item);
    return 'queued';
  };
}
