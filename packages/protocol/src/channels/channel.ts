// Channel: one named channel of one app and the connections subscribed to it on this node.
import type { Connection } from '../connections/connection';
import { channelTypeOf, isCacheChannel, type ChannelType } from './channel-name';
import { PresenceRoster } from './presence-roster';

/**
 * Subscribers are kept in insertion order; the reverse index (connection → channels) lives on
 * {@link Connection}, so neither direction needs a scan.
 */
export class Channel {
  readonly type: ChannelType;
  readonly subscribers = new Set<Connection>();
  /** Present on presence channels only. */
  readonly roster: PresenceRoster | undefined;
  readonly isCache: boolean;
  /** A `subscription_count` update is scheduled (throttled per channel). */
  countUpdatePending = false;

  constructor(readonly name: string) {
    this.type = channelTypeOf(name);
    this.isCache = isCacheChannel(name);
    this.roster = this.type === 'presence' ? new PresenceRoster() : undefined;
  }

  get isOccupied(): boolean {
    return this.subscribers.size > 0;
  }

  get subscriptionCount(): number {
    return this.subscribers.size;
  }

  get userCount(): number {
    return this.roster?.count ?? 0;
  }
}
