// usePresence: the live member roster of a presence channel.
import { createPresenceStore, EMPTY_PRESENCE_ROSTER, type PresenceRoster } from '@herald/echo';
import { useMemo, useSyncExternalStore } from 'react';
import { useEchoHolder } from './provider';

const emptyRoster = (): PresenceRoster<never> => EMPTY_PRESENCE_ROSTER;

/**
 * Joins presence channel `channelName` while mounted and returns its roster: `members` (by id),
 * `me`, `count`, and `isSynced` (false while reconnecting, when the last known roster is shown).
 * Members who left or joined while the connection was down are reconciled on reconnect.
 *
 * @example
 * ```tsx
 * const { members, count } = usePresence<{ name: string }>(`room.${id}`);
 * return <p>{count} here: {[...members.values()].map((m) => m.info.name).join(', ')}</p>;
 * ```
 */
export function usePresence<Info = unknown>(channelName: string): PresenceRoster<Info> {
  const holder = useEchoHolder();
  const store = useMemo(
    () => createPresenceStore<Info>(holder, channelName),
    [holder, channelName],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot, emptyRoster);
}
