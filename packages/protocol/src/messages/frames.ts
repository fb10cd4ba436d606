// Builders for every frame the server sends, in the exact wire form pusher-js expects.
import { frameOf } from './frame';
import type { Frame } from '../contracts/frame';
import { PusherEvent } from './pusher-event';
import type { PresenceMember } from '../channels/presence-roster';

/** `pusher:connection_established`; `data` is a JSON string, as in Pusher. */
export function connectionEstablished(socketId: string, activityTimeoutSeconds: number): Frame {
  return frameOf({
    event: PusherEvent.ConnectionEstablished,
    data: JSON.stringify({ socket_id: socketId, activity_timeout: activityTimeoutSeconds }),
  });
}

/** `pusher:error`; `data` is an object with `code` and `message`. */
export function errorFrame(code: number | null, message: string): Frame {
  return frameOf({ event: PusherEvent.Error, data: { code, message } });
}

const PONG = frameOf({ event: PusherEvent.Pong, data: {} });
const PING = frameOf({ event: PusherEvent.Ping, data: {} });

/** The shared `pusher:pong` frame (immutable, reused for every reply). */
export function pongFrame(): Frame {
  return PONG;
}

/** The shared `pusher:ping` frame the server sends to silent sockets. */
export function pingFrame(): Frame {
  return PING;
}

/** `pusher_internal:subscription_succeeded` for a non-presence channel. */
export function subscriptionSucceeded(channel: string): Frame {
  return frameOf({ event: PusherEvent.SubscriptionSucceeded, channel, data: '{}' });
}

/** `pusher_internal:subscription_succeeded` for a presence channel, with the whole roster. */
export function presenceSubscriptionSucceeded(
  channel: string,
  members: Iterable<PresenceMember>,
  count: number,
): Frame {
  const ids: string[] = [];
  const hash: Record<string, unknown> = {};
  for (const member of members) {
    ids.push(member.userId);
    hash[member.userId] = member.userInfo ?? null;
  }
  return frameOf({
    event: PusherEvent.SubscriptionSucceeded,
    channel,
    data: JSON.stringify({ presence: { ids, hash, count } }),
  });
}

/**
 * `pusher:subscription_error` on a channel, in the shape pusher-js raises for failed
 * authorization, so Echo's `.error()` callback fires.
 */
export function subscriptionError(
  channel: string,
  type: string,
  error: string,
  status: number,
): Frame {
  return frameOf({ event: PusherEvent.SubscriptionError, channel, data: { type, error, status } });
}

/** `pusher_internal:member_added` to the other members of a presence channel. */
export function memberAdded(channel: string, member: PresenceMember): Frame {
  const data =
    member.userInfo === undefined
      ? { user_id: member.userId }
      : { user_id: member.userId, user_info: member.userInfo };
  return frameOf({ event: PusherEvent.MemberAdded, channel, data: JSON.stringify(data) });
}

/** `pusher_internal:member_removed` to the remaining members of a presence channel. */
export function memberRemoved(channel: string, userId: string): Frame {
  return frameOf({
    event: PusherEvent.MemberRemoved,
    channel,
    data: JSON.stringify({ user_id: userId }),
  });
}

/** An application event published through the HTTP API; `data` is passed through as given. */
export function channelEvent(channel: string, event: string, data: string): Frame {
  return frameOf({ event, channel, data });
}

/**
 * An event of a resumable channel: the Pusher event frame plus a top-level `serial`, which
 * pusher-js and Echo ignore. `user_id` as on relayed client events.
 * @see docs/protocol.md, "Resumable channels"
 */
export function historyFrame(
  channel: string,
  entry: { event: string; data: unknown; userId?: string; serial?: number },
): Frame {
  const { event, data, userId, serial } = entry;
  return frameOf({
    event,
    channel,
    data,
    ...(userId === undefined ? {} : { user_id: userId }),
    ...(serial === undefined ? {} : { serial }),
  });
}

/** `pusher_internal:subscription_succeeded` answering a subscribe that asked for recovery. */
export function recoverySubscriptionSucceeded(base: Frame, recovery: object): Frame {
  const message = JSON.parse(base.text) as { data: string };
  const data = JSON.parse(message.data) as Record<string, unknown>;
  return frameOf({ ...message, data: JSON.stringify({ ...data, recovery }) });
}

/** A client event relayed to the other subscribers; `user_id` is added on presence channels. */
export function clientEventFrame(
  channel: string,
  event: string,
  data: unknown,
  userId: string | undefined,
): Frame {
  return frameOf(
    userId === undefined ? { event, channel, data } : { event, channel, data, user_id: userId },
  );
}

/** `pusher:cache_miss` on a cache channel with nothing remembered. */
export function cacheMiss(channel: string): Frame {
  return frameOf({ event: PusherEvent.CacheMiss, channel });
}

/** `pusher_internal:subscription_count`, which pusher-js exposes as `channel.subscriptionCount`. */
export function subscriptionCount(channel: string, count: number): Frame {
  return frameOf({
    event: PusherEvent.SubscriptionCount,
    channel,
    data: JSON.stringify({ subscription_count: count }),
  });
}

/** `pusher:signin_success`, echoing the signed `user_data` string. */
export function signinSuccess(userData: string): Frame {
  return frameOf({
    event: PusherEvent.SigninSuccess,
    data: JSON.stringify({ user_data: userData }),
  });
}

/** `pusher_internal:watchlist_events` telling a watcher who came online or went offline. */
export function watchlistEvents(name: 'online' | 'offline', userIds: readonly string[]): Frame {
  return frameOf({
    event: PusherEvent.WatchlistEvents,
    data: JSON.stringify({ events: [{ name, user_ids: userIds }] }),
  });
}
