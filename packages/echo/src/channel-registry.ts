// Channel registry: reference-counted subscriptions per echo, so holders share one channel.
import type Echo from 'laravel-echo';
import {
  createLease,
  type ChannelLease,
  type EchoChannelLike,
  type EventMap,
  type LeaseHost,
} from './channel-lease';
import { fullChannelName, type ChannelKind } from './channel-name';
import {
  createPresenceRoster,
  type ConnectionEventsLike,
  type PresenceRosterStore,
  type PresenceSubscriptionLike,
} from './presence-roster';
import type { WhisperOptions, WhisperResult } from './whisper';
import type { ChannelRecovery } from './channel-recovery';

/** A channel as the registry holds it. */
interface Entry {
  readonly channel: EchoChannelLike & { subscription?: unknown };
  readonly roster: PresenceRosterStore | undefined;
  refs: number;
}

/** Shares channel subscriptions between holders; see {@link ChannelRegistry.acquire}. */
export interface ChannelRegistry<Events extends EventMap = EventMap> {
  /**
   * Takes a share of channel `name` of `kind`, subscribing on the first share. Release it when
   * done: the last release leaves the channel, but only after the current tick, so a release
   * followed by an acquire (React StrictMode) costs no unsubscribe and no new auth request.
   */
  acquire<E extends EventMap = Events, W extends EventMap = EventMap>(
    name: string,
    kind?: ChannelKind,
  ): ChannelLease<E, W>;
  /** Shares held on a full channel name (0 when not held). */
  refCount(fullName: string): number;
  /** Full names of the channels held. */
  names(): string[];
}

/** What the registry needs besides the Echo instance. */
export interface ChannelRegistryDeps {
  whisper: (
    channel: string,
    event: string,
    data: unknown,
    options?: WhisperOptions,
  ) => WhisperResult;
  /** pusher-js's connection, watched by presence rosters. */
  connection: ConnectionEventsLike;
  /** Resume state of resumable channels; without it `lease.onRecovery` never fires. */
  recovery?: Pick<ChannelRecovery, 'onRecovery'>;
  /** Defers the leave of a channel whose last share was released. @default queueMicrotask */
  defer?: (fn: () => void) => void;
}

type AnyEcho = Echo<'reverb'> | Echo<'pusher'>;

/** Creates the registry of `echo`. */
export function createChannelRegistry<Events extends EventMap = EventMap>(
  echo: AnyEcho,
  deps: ChannelRegistryDeps,
): ChannelRegistry<Events> {
  const entries = new Map<string, Entry>();
  const defer = deps.defer ?? queueMicrotask;

  const open = (name: string, kind: ChannelKind): Entry['channel'] => {
    switch (kind) {
      case 'public':
        return echo.channel(name);
      case 'private':
        return echo.private(name);
      case 'encrypted':
        return echo.encryptedPrivate(name);
      case 'presence':
        return echo.join(name);
    }
  };

  const host: LeaseHost = {
    whisper: deps.whisper,
    onRecovery: (fullName, listener) => deps.recovery?.onRecovery(fullName, listener) ?? (() => {}),
    release(fullName) {
      const entry = entries.get(fullName);
      if (entry === undefined) return;
      entry.refs -= 1;
      if (entry.refs > 0) return;
      defer(() => {
        if (entry.refs > 0 || entries.get(fullName) !== entry) return;
        entries.delete(fullName);
        entry.roster?.dispose();
        echo.leaveChannel(fullName);
      });
    },
  };

  return {
    acquire<E extends EventMap = Events, W extends EventMap = EventMap>(
      name: string,
      kind: ChannelKind = 'public',
    ) {
      if (typeof name !== 'string' || name === '')
        throw new TypeError('acquire: give a channel name');
      const fullName = fullChannelName(name, kind);
      let entry = entries.get(fullName);
      if (entry === undefined) {
        const channel = open(name, kind);
        const roster =
          kind === 'presence'
            ? createPresenceRoster(
                channel.subscription as PresenceSubscriptionLike,
                deps.connection,
              )
            : undefined;
        entry = { channel, roster, refs: 0 };
        entries.set(fullName, entry);
      }
      entry.refs += 1;
      return createLease<E, W>(fullName, entry.channel, entry.roster, host);
    },
    refCount: (fullName) => entries.get(fullName)?.refs ?? 0,
    names: () => [...entries.keys()],
  };
}
