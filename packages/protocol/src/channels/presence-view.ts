// PresenceView: a presence channel's members across the cluster — local roster plus other nodes'.
import type { ServerContext } from '../server-context';
import type { Channel } from './channel';
import type { PresenceMember } from './presence-roster';

/** Whether the user is present on the channel on any other node. */
export function isOnOtherNode(
  ctx: ServerContext,
  appId: string,
  channelName: string,
  userId: string,
): boolean {
  return ctx.cluster?.presence.has(appId, channelName, userId) ?? false;
}

/** Every member of the channel cluster-wide, each user once (local info wins). */
export function clusterMembers(
  ctx: ServerContext,
  appId: string,
  channelName: string,
  channel: Channel | undefined,
): PresenceMember[] {
  const members = channel?.roster ? [...channel.roster.members()] : [];
  if (!ctx.cluster) return members;
  for (const [userId, userInfo] of ctx.cluster.presence.members(appId, channelName)) {
    if (!channel?.roster?.has(userId)) members.push({ userId, userInfo });
  }
  return members;
}
