// Presence store: the roster of one presence channel, joined while subscribed, for usePresence.
import type { EchoHolder } from './echo-holder';
import { createLeaseStore, type LeaseStore } from './lease-store';
import type { PresenceRoster } from './presence-roster';

/** The roster before the channel is joined (and on the server). */
export const EMPTY_PRESENCE_ROSTER: PresenceRoster<never> = Object.freeze({
  members: new Map<string, never>(),
  me: null,
  count: 0,
  isSynced: false,
});

/**
 * The live roster of presence channel `name` (no `presence-` prefix): the first subscriber joins,
 * the last leaves, and members stay correct across reconnects.
 */
export function createPresenceStore<Info = unknown>(
  holder: EchoHolder,
  name: string,
): LeaseStore<PresenceRoster<Info>> {
  return createLeaseStore(() => holder.get().channels.acquire(name, 'presence'), {
    attach: (lease, notify) => lease.roster?.subscribe(notify) ?? (() => {}),
    snapshot: (lease) =>
      (lease?.roster?.getSnapshot() as PresenceRoster<Info> | undefined) ?? EMPTY_PRESENCE_ROSTER,
  });
}
