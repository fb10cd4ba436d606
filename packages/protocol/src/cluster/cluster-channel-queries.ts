// ClusterChannelQueries: the HTTP API's read endpoints answered for the whole cluster.
import { channelTypeOf } from '../channels/channel-name';
import { clusterMembers } from '../channels/presence-view';
import type { ChannelQueries, ChannelStats } from '../http-api/channel-queries';
import type { ServerContext } from '../server-context';
import type { ClusterNode } from './cluster-node';

/**
 * Subscription counts are gathered from every node (they are not replicated); presence users come
 * from the replicated presence view, so `users` and `user_count` need no round trip.
 */
export class ClusterChannelQueries implements ChannelQueries {
  constructor(
    private readonly ctx: ServerContext,
    private readonly cluster: ClusterNode,
  ) {}

  async channels(appId: string, prefix: string): Promise<Map<string, ChannelStats>> {
    const counts = new Map<string, number>();
    for (const channel of this.ctx.apps.get(appId)?.channels.values() ?? []) {
      if (channel.name.startsWith(prefix)) counts.set(channel.name, channel.subscriptionCount);
    }
    for (const answer of await this.cluster.gather(appId, { kind: 'channels', prefix })) {
      if (typeof answer !== 'object' || answer === null) continue;
      for (const [name, count] of Object.entries(answer as Record<string, unknown>)) {
        if (typeof count === 'number') counts.set(name, (counts.get(name) ?? 0) + count);
      }
    }
    const result = new Map<string, ChannelStats>();
    for (const [name, subscriptionCount] of counts) {
      if (subscriptionCount > 0)
        result.set(name, { subscriptionCount, userCount: this.userCount(appId, name) });
    }
    return result;
  }

  async channel(appId: string, name: string): Promise<ChannelStats> {
    let subscriptionCount = this.ctx.apps.get(appId)?.channels.get(name)?.subscriptionCount ?? 0;
    for (const answer of await this.cluster.gather(appId, { kind: 'channel', name })) {
      if (typeof answer === 'number') subscriptionCount += answer;
    }
    return { subscriptionCount, userCount: this.userCount(appId, name) };
  }

  users(appId: string, name: string): Promise<string[]> {
    const channel = this.ctx.apps.get(appId)?.channels.get(name);
    return Promise.resolve(clusterMembers(this.ctx, appId, name, channel).map((m) => m.userId));
  }

  private userCount(appId: string, name: string): number {
    if (channelTypeOf(name) !== 'presence') return 0;
    return clusterMembers(this.ctx, appId, name, this.ctx.apps.get(appId)?.channels.get(name))
      .length;
  }
}
