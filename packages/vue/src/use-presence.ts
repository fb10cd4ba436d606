// usePresence: the live member roster of a presence channel.
import { createPresenceStore, type PresenceMember } from '@herald/echo';
import { computed, type ComputedRef } from 'vue';
import { useEchoHolder } from './provider';
import { useStore } from './use-store';

/** What {@link usePresence} returns: the roster's fields as read-only refs. */
export interface UsePresenceResult<Info> {
  /** Members by user id. */
  members: ComputedRef<ReadonlyMap<string, PresenceMember<Info>>>;
  /** This client's own member entry, once joined. */
  me: ComputedRef<PresenceMember<Info> | null>;
  count: ComputedRef<number>;
  /** False before joining and while reconnecting, when the last known roster is shown. */
  isSynced: ComputedRef<boolean>;
}

/**
 * Joins presence channel `channelName` while mounted and returns its live roster. Members who left
 * or joined while the connection was down are reconciled on reconnect.
 *
 * @example
 * ```ts
 * const { members, count } = usePresence<{ name: string }>(`room.${id}`);
 * const names = computed(() => [...members.value.values()].map((m) => m.info.name));
 * ```
 */
export function usePresence<Info = unknown>(channelName: string): UsePresenceResult<Info> {
  const roster = useStore(createPresenceStore<Info>(useEchoHolder(), channelName));
  return {
    members: computed(() => roster.value.members),
    me: computed(() => roster.value.me),
    count: computed(() => roster.value.count),
    isSynced: computed(() => roster.value.isSynced),
  };
}
