// Channel lease: one holder's typed view of a shared channel; its listeners go when it is released.
import type { RecoveryOutcome } from './channel-recovery';
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
export interface ChannelLease<
  Events extends EventMap = EventMap,
  Whispers extends EventMap = EventMap,
> {
  /** Full Pusher channel name. */
  readonly name: string;
  /** The upstream laravel-echo channel, shared by every lease on this name. */
  readonly channel: EchoChannelLike;
  /** The member roster; present on presence channels only. */
  readonly roster: PresenceRosterStore | undefined;
  listen<K extends keyof Events & string>(event: K, callback: (payload: Events[K]) => void): this;
  stopListening<K extends keyof Events & string>(
    event: K,
    callback?: (payload: Events[K]) => void,
  ): this;
  listenForWhisper<K extends keyof Whispers & string>(
    event: K,
    callback: (payload: Whispers[K]) => void,
  ): this;
  /** Sends a client event now, or queues it until the channel is subscribed again. */
  whisper<K extends keyof Whispers & string>(
    event: K,
    data: Whispers[K],
    options?: WhisperOptions,
  ): WhisperResult;
  /**
   * Calls `listener` after each resubscription of a resumable channel (the server's
   * `recovery.channels`), once the missed events went through the listeners in order. When
   * `recovered` is false the gap could not be closed (too many, too old, server restarted):
   * refetch the state this channel keeps up to date. Removed on `release()`.
   * @example
   * ```ts
   * orders.onRecovery(({ recovered }) => { if (!recovered) void refetchOrders(); });
   * ```
   */
  onRecovery(listener: (outcome: RecoveryOutcome) => void): () => void;
  /** Gives the share back: unbinds this lease's listeners; the last release leaves the channel. */
  release(): void;
}

/** What a lease needs from its registry. */
export interface LeaseHost {
  whisper(channel: string, event: string, data: unknown, options?: WhisperOptions): WhisperResult;
  release(name: string): void;
  onRecovery(name: string, listener: (outcome: RecoveryOutcome) => void): () => void;
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
  const recoveryListeners = new Set<() => void>();
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
        if (boundEvent !== event || (callback !== undefined && boundCallback !== callback))
          continue;
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
    onRecovery(listener) {
      if (isReleased)
        throw new TypeError(`lease on ${name} was released; acquire the channel again`);
      const remove = host.onRecovery(name, listener);
      const removeOnce = (): void => {
        remove();
        recoveryListeners.delete(removeOnce);
      };
      recoveryListeners.add(removeOnce);
      return removeOnce;
    },
    release() {
      if (isReleased) return;
      isReleased = true;
      for (const [event, callback] of bindings) channel.stopListening(event, callback);
      bindings.length = 0;
      for (const remove of [...recoveryListeners]) remove();
      host.release(name);
    },
  };
  return lease;
}
