// Channel recovery: the last serial of each resumable channel, and a resume on every resubscription (issue 15).
import type PusherClient from 'pusher-js';

/** What one resubscription of a resumable channel found. */
export interface RecoveryOutcome {
  /** `true`: every missed event was replayed (through the channel's listeners, in order, once). */
  readonly recovered: boolean;
  /** Events replayed before this call (0 when `recovered` is false). */
  readonly missed: number;
  /** Why not, when `recovered` is false: `overflowed`, `expired`, `unknown`, `unavailable`. */
  readonly reason?: string;
}

/** Resume state of one pusher-js client; see {@link createChannelRecovery}. */
export interface ChannelRecovery {
  /**
   * Calls `listener` after each resubscription of full channel name `channel` that asked the server
   * to resume, once its missed events went through the listeners. Returns the function that removes it.
   */
  onRecovery(channel: string, listener: (outcome: RecoveryOutcome) => void): () => void;
  /** The newest serial seen on `channel`, or `undefined` before the server told one. */
  serialOf(channel: string): number | undefined;
  /** Stops asking to resume and forgets every serial. */
  dispose(): void;
}

/** The private surface of pusher-js 8 this module relies on. */
interface PusherInternals {
  send_event(name: string, data: unknown, channel?: string): boolean;
  connection: {
    bind(event: string, fn: () => void): void;
    unbind(event: string, fn: () => void): void;
    connection: { transport?: TransportLike } | null;
  };
}

interface TransportLike {
  bind(event: 'message', fn: (message: { data?: unknown }) => void): void;
  unbind(event: 'message', fn: (message: { data?: unknown }) => void): void;
}

interface WireFrame {
  event?: unknown;
  channel?: unknown;
  data?: unknown;
  serial?: unknown;
}

interface RecoveryField {
  recovered?: unknown;
  missed?: unknown;
  reason?: unknown;
  serial?: unknown;
}

const SUBSCRIBE = 'pusher:subscribe';
const UNSUBSCRIBE = 'pusher:unsubscribe';
const SUBSCRIPTION_SUCCEEDED = 'pusher_internal:subscription_succeeded';

/**
 * Adds `recovery` to every `pusher:subscribe` the client sends: `{}` the first time, then
 * `{ since }` with the last serial seen, so a resubscription after any reconnect resumes by itself.
 * Serials are read off the raw frames (pusher-js keeps only `event`, `channel`, `data` and
 * `user_id` of a message), after pusher-js has handled each frame, so a listener has run for an
 * event before its serial counts as seen. A server without recovery (or a channel that is not
 * resumable) ignores the field and answers nothing extra; the channel then never reports here.
 */
export function createChannelRecovery(pusher: PusherClient): ChannelRecovery {
  const internals = pusher as unknown as PusherInternals;
  const serials = new Map<string, number>();
  const listeners = new Map<string, Set<(outcome: RecoveryOutcome) => void>>();
  // Bound on the instance, restored on dispose, so `this` stays right.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalSend = internals.send_event;

  internals.send_event = function (name, data, channel) {
    let sent = data;
    const target = (data as { channel?: unknown } | undefined)?.channel;
    if (name === SUBSCRIBE && typeof target === 'string') {
      const since = serials.get(target);
      sent = { ...(data as object), recovery: since === undefined ? {} : { since } };
    } else if (name === UNSUBSCRIBE && typeof target === 'string') {
      // Left on purpose: a later subscribe starts afresh rather than replaying what it never wanted.
      serials.delete(target);
    }
    return originalSend.call(this, name, sent, channel);
  };

  const onMessage = (message: { data?: unknown }): void => {
    const text = message.data;
    // Most frames carry neither field: skip the second parse for them.
    if (typeof text !== 'string' || (!text.includes('"serial":') && !text.includes('recovery')))
      return;
    let frame: WireFrame;
    try {
      frame = JSON.parse(text) as WireFrame;
    } catch {
      return;
    }
    const channel = frame.channel;
    if (typeof channel !== 'string') return;
    if (typeof frame.serial === 'number') {
      serials.set(channel, frame.serial);
      return;
    }
    if (frame.event === SUBSCRIPTION_SUCCEEDED && typeof frame.data === 'string') {
      let recovery: RecoveryField | undefined;
      try {
        recovery = (JSON.parse(frame.data) as { recovery?: RecoveryField }).recovery;
      } catch {
        return;
      }
      if (typeof recovery !== 'object' || recovery === null) return;
      if (typeof recovery.serial === 'number') serials.set(channel, recovery.serial);
      if (typeof recovery.recovered !== 'boolean') return;
      const outcome: RecoveryOutcome = {
        recovered: recovery.recovered,
        missed: typeof recovery.missed === 'number' ? recovery.missed : 0,
        ...(typeof recovery.reason === 'string' ? { reason: recovery.reason } : {}),
      };
      for (const listener of [...(listeners.get(channel) ?? [])]) listener(outcome);
    }
  };

  let transport: TransportLike | undefined;
  const onConnected = (): void => {
    transport?.unbind('message', onMessage);
    transport = internals.connection.connection?.transport;
    transport?.bind('message', onMessage);
  };
  internals.connection.bind('connected', onConnected);
  if (internals.connection.connection) onConnected();

  return {
    onRecovery(channel, listener) {
      let set = listeners.get(channel);
      if (set === undefined) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(channel);
      };
    },
    serialOf: (channel) => serials.get(channel),
    dispose() {
      internals.send_event = originalSend;
      internals.connection.unbind('connected', onConnected);
      transport?.unbind('message', onMessage);
      serials.clear();
      listeners.clear();
    },
  };
}
