// Channel lease: one holder's typed view of a shared channel; its listeners go when it is released.
import type { PresenceRosterStore } from './presence-roster';
import type { WhisperOptions, WhisperResult } from './whisper';

/** Event name → payload type. `listen('order.shipped', (e) => ...)` is typed from it. */
export type EventMap = Record<string, unknown>;

/** The part of an upstream Echo channel a lease uses. */
export interface EchoChannelLike {
  listen(event: string, callback: CallableFunction): unknown;
  stopListening(event: string, callback?: CallableFunction): unknown;
}

/**
 * A holder's share of a channel from {@link ChannelRegistry.acquire}. `Events` types `listen`,
 * `Whispers` types `whisper` / `listenForWhisper`.
 */
export interface ChannelLease<Events extends EventMap = EventMap, Whispers extends EventMap = EventMap> {
  /** Full Pusher channel name. */
  readonly name: string;
  /** The upstream laravel-echo channel, shared by every lease on this name. */
  readonly channel: EchoChannelLike;
  /** The member roster; present on presence channels only. */
  readonly roster: PresenceRosterStore | undefined;
  listen<K extends keyof Events & string>(event: K, callback: (payload: Events[K]) => void): this;
  stopListening<K extends keyof Events & string>(event: K, callback?: (payload: Events[K]) => void): this;
  listenForWhisper<K extends keyof Whispers & string>(event: K, callback: (payload: Whispers[K]) => void): this;
  /** Sends a client event now, or queues it until the channel is subscribed again. */
  whisper<K extends keyof Whispers & string>(event: K, data: Whispers[K], options?: WhisperOptions): WhisperResult;
  /** Gives the share back: unbinds this lease's listeners; the last release leaves the channel. */
  release(): void;
}

/** What a lease needs from its registry. */
export interface LeaseHost {
  whisper(channel: string, event: string, data: unknown, options?: WhisperOptions): WhisperResult;
  release(name: string): void;
}

const WHISPER_EVENT_PREFIX = '.client-';

/** Creates a lease on an already-acquired channel. */
export function createLease<Events extends EventMap, Whispers extends EventMap>(
  name: string,
  channel: EchoChannelLike,
  roster: PresenceRosterStore | undefined,
  host: LeaseHost,
): ChannelLease<Events, Whispers> {
  const bindings: [string, CallableFunction][] = [];
  let isReleased = false;
  const bind = (event: string, callback: CallableFunction): void => {
    if (isReleased) throw new TypeError(`lease on ${name} was released; acquire the channel again`);
    bindings.push([event, callback]);
    channel.listen(event, callback);
  };
  const lease: ChannelLease<Events, Whispers> = {
    name,
    channel,
    roster,
    listen(event, callback) {
      bind(event, callback);
      return lease;
    },
    stopListening(event, callback) {
      for (let i = bindings.length - 1; i >= 0; i -= 1) {
        const [boundEvent, boundCallback] = bindings[i] as [string, CallableFunction];
        if (boundEvent !== event || (callback !== undefined && boundCallback !== callback)) continue;
        channel.stopListening(boundEvent, boundCallback);
        bindings.splice(i, 1);
      }
      return lease;
    },
    listenForWhisper(event, callback) {
      bind(WHISPER_EVENT_PREFIX + event, callback);
      return lease;
    },
    whisper: (event, data, options) => host.whisper(name, event, data, options),
    release() {
      if (isReleased) return;
      isReleased = true;
      for (const [event, callback] of bindings) channel.stopListening(event, callback);
      bindings.length = 0;
      host.release(name);
    },
  };
  return lease;
}
