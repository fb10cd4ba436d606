// The `info` attributes Pusher returns for a channel (subscription_count, user_count).
import { channelTypeOf } from '../../channels/channel-name';
import type { ChannelQueries } from '../channel-queries';

/** Requested attributes of one channel; `user_count` only on presence channels, as in Pusher. */
export async function channelInfo(
  queries: ChannelQueries,
  appId: string,
  name: string,
  info: ReadonlySet<string>,
): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  if (info.size === 0) return result;
  const stats = await queries.channel(appId, name);
  if (info.has('subscription_count')) result.subscription_count = stats.subscriptionCount;
  if (info.has('user_count') && channelTypeOf(name) === 'presence')
    result.user_count = stats.userCount;
  return result;
}
