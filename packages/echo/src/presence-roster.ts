// Presence roster: the members of one presence channel as a store, correct across reconnects.
import { createStore, type ReadableStore } from './store';

/** One member of a presence channel. */
export interface PresenceMember<Info = unknown> {
  readonly id: string;
  readonly info: Info;
}

/** One snapshot of a {@link PresenceRosterStore}. */
export interface PresenceRoster<Info = unknown> {
  /** Members by user id. */
  readonly members: ReadonlyMap<string, PresenceMember<Info>>;
  /** This client's own member entry, once subscribed. */
  readonly me: PresenceMember<Info> | null;
  readonly count: number;
  /**
   * Whether the roster matches the server now. `false` before the first subscription and while
   * reconnecting, when `members` is the last roster known.
   */
  readonly isSynced: boolean;
}

/** The roster store, plus `joining` / `leaving` feeds that include changes missed while away. */
export interface PresenceRosterStore<Info = unknown> extends ReadableStore<PresenceRoster<Info>> {
  onJoining(fn: (member: PresenceMember<Info>) => void): () => void;
  onLeaving(fn: (member: PresenceMember<Info>) => void): () => void;
  dispose(): void;
}

/** The part of a pusher-js presence channel the roster reads. */
export interface PresenceSubscriptionLike {
  bind(event: string, fn: (data: never) => void): unknown;
  unbind(event: string, fn: (data: never) => void): unknown;
}

/** The part of pusher-js's connection the roster watches to know it went stale. */
export interface ConnectionEventsLike {
  bind(event: string, fn: () => void): unknown;
  unbind(event: string, fn: () => void): unknown;
}

interface MembersLike {
  each(fn: (member: { id: string; info: unknown }) => void): void;
  me: { id: string; info: unknown } | null;
}

/**
 * Builds the roster of `subscription`. After a reconnect the fresh member list is compared with
 * the last one: members gone meanwhile are reported leaving, newcomers joining.
 */
export function createPresenceRoster<Info = unknown>(
  subscription: PresenceSubscriptionLike,
  connection: ConnectionEventsLike,
): PresenceRosterStore<Info> {
  const store = createStore<PresenceRoster<Info>>({
    members: new Map(),
    me: null,
    count: 0,
    isSynced: false,
  });
  const joining = new Set<(m: PresenceMember<Info>) => void>();
  const leaving = new Set<(m: PresenceMember<Info>) => void>();
  let hasSynced = false;

  const emit = (
    listeners: Set<(m: PresenceMember<Info>) => void>,
    member: PresenceMember<Info>,
  ): void => {
    for (const fn of [...listeners]) fn(member);
  };
  const set = (
    members: Map<string, PresenceMember<Info>>,
    me: PresenceMember<Info> | null,
    isSynced: boolean,
  ): void => store.update(() => ({ members, me, count: members.size, isSynced }));

  const onSucceeded = (data: MembersLike): void => {
    const fresh = new Map<string, PresenceMember<Info>>();
    data.each((m) => fresh.set(m.id, Object.freeze({ id: m.id, info: m.info as Info })));
    const before = store.getSnapshot().members;
    const me = data.me === null ? null : (fresh.get(data.me.id) ?? null);
    set(fresh, me, true);
    if (!hasSynced) {
      hasSynced = true;
      return;
    }
    for (const [id, member] of before) if (!fresh.has(id)) emit(leaving, member);
    for (const [id, member] of fresh) if (!before.has(id)) emit(joining, member);
  };
  const onAdded = (data: { id: string; info: unknown }): void => {
    const member: PresenceMember<Info> = Object.freeze({ id: data.id, info: data.info as Info });
    const members = new Map(store.getSnapshot().members).set(member.id, member);
    set(members, store.getSnapshot().me, store.getSnapshot().isSynced);
    emit(joining, member);
  };
  const onRemoved = (data: { id: string }): void => {
    const member = store.getSnapshot().members.get(data.id);
    if (member === undefined) return;
    const members = new Map(store.getSnapshot().members);
    members.delete(data.id);
    set(members, store.getSnapshot().me, store.getSnapshot().isSynced);
    emit(leaving, member);
  };
  const onStale = (): void => store.update((s) => ({ ...s, isSynced: false }));

  subscription.bind('pusher:subscription_succeeded', onSucceeded);
  subscription.bind('pusher:member_added', onAdded);
  subscription.bind('pusher:member_removed', onRemoved);
  connection.bind('connecting', onStale);
  connection.bind('disconnected', onStale);

  const feed =
    (listeners: Set<(m: PresenceMember<Info>) => void>) =>
    (fn: (m: PresenceMember<Info>) => void) => {
      listeners.add(fn);
      return () => {
        listeners.delete(fn);
      };
    };
  return {
    subscribe: store.subscribe,
    getSnapshot: store.getSnapshot,
    onJoining: feed(joining),
    onLeaving: feed(leaving),
    dispose() {
      subscription.unbind('pusher:subscription_succeeded', onSucceeded);
      subscription.unbind('pusher:member_added', onAdded);
      subscription.unbind('pusher:member_removed', onRemoved);
      connection.unbind('connecting', onStale);
      connection.unbind('disconnected', onStale);
      joining.clear();
      leaving.clear();
    },
  };
}
