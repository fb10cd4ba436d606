// subscription_count: telling subscribers of a non-presence channel how many there are.
import type { AppState } from '../apps/app-state';
import { subscriptionCount } from '../messages/frames';
import type { ServerContext } from '../server-context';
import type { Channel } from './channel';

/**
 * Schedules one `pusher_internal:subscription_count` for the channel. Changes within the throttle
 * window share one update carrying the count at send time, so a join storm costs one frame per
 * subscriber per window rather than one per join.
 */
export function scheduleCountUpdate(ctx: ServerContext, state: AppState, channel: Channel): void {
  if (!state.app.subscriptionCount || channel.type === 'presence' || channel.countUpdatePending)
    return;
  channel.countUpdatePending = true;
  ctx.clock.setTimeout(() => {
    channel.countUpdatePending = false;
    // The channel may have been vacated (and perhaps recreated) meanwhile.
    if (!channel.isOccupied || state.channels.get(channel.name) !== channel) return;
    ctx.broadcaster.broadcast(
      channel.subscribers,
      subscriptionCount(channel.name, channel.subscriptionCount),
    );
    if (ctx.observers.listens('subscriptionCountChanged')) reportCount(ctx, state, channel);
  }, ctx.settings.subscriptionCountThrottleMs);
}

/** Tells observers the channel's count, summed over the cluster when there is one. */
function reportCount(ctx: ServerContext, state: AppState, channel: Channel): void {
  const local = channel.subscriptionCount;
  const emit = (count: number) =>
    ctx.observers.emit('subscriptionCountChanged', {
      app: state.app,
      channel: channel.name,
      count,
    });
  if (!ctx.cluster) return emit(local);
  ctx.cluster.gather(state.app.id, { kind: 'channel', name: channel.name }).then(
    (answers) =>
      emit(answers.reduce<number>((sum, n) => sum + (typeof n === 'number' ? n : 0), local)),
    (error: unknown) =>
      ctx.observers.emit('internalError', { error, where: 'subscription count gather' }),
  );
}
