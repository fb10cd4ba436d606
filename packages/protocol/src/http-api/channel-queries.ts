// ChannelQueries: what the HTTP API asks about channels. Local today; cluster-wide with a scaling plugin.
import type { AppStates } from '../apps/app-state';

/** Occupancy numbers of one channel. */
export interface ChannelStats {
  readonly subscriptionCount: number;
  readonly userCount: number;
}

/**
 * Answers the read endpoints. Async because a cluster implementation gathers from other nodes;
 * the local one answers from this node's indexes without scanning connections.
 */
export interface ChannelQueries {
  /** Occupied channels whose name starts with `prefix`, with their stats. */
  channels(appId: string, prefix: string): Promise<Map<string, ChannelStats>>;
  /** Stats of one channel; zero counts when unoccupied. */
  channel(appId: string, name: string): Promise<ChannelStats>;
  /** User ids on a presence channel. */
  users(appId: string, name: string): Promise<string[]>;
}

const EMPTY: ChannelStats = Object.freeze({ subscriptionCount: 0, userCount: 0 });

/** {@link ChannelQueries} over this node's state only. */
export class LocalChannelQueries implements ChannelQueries {
  constructor(private readonly apps: AppStates) {}

  channels(appId: string, prefix: string): Promise<Map<string, ChannelStats>> {
    const result = new Map<string, ChannelStats>();
    const state = this.apps.get(appId);
    if (state) {
      for (const channel of state.channels.values()) {
        if (!channel.name.startsWith(prefix)) continue;
        result.set(channel.name, {
          subscriptionCount: channel.subscriptionCount,
          userCount: channel.userCount,
        });
      }
    }
    return Promise.resolve(result);
  }

  channel(appId: string, name: string): Promise<ChannelStats> {
    const channel = this.apps.get(appId)?.channels.get(name);
    if (!channel) return Promise.resolve(EMPTY);
    return Promise.resolve({
      subscriptionCount: channel.subscriptionCount,
      userCount: channel.userCount,
    });
  }

  users(appId: string, name: string): Promise<string[]> {
    const roster = this.apps.get(appId)?.channels.get(name)?.roster;
    return Promise.resolve(roster ? [...roster.userIds()] : []);
  }
}
