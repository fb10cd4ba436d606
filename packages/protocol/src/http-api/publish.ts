// Publishing an accepted event: one frame per channel, fanned out here at once and to other nodes.
import type { App } from '../apps/app';
import type { AppState } from '../apps/app-state';
import { isCacheChannel } from '../channels/channel-name';
import { channelEvent } from '../messages/frames';
import type { ServerContext } from '../server-context';
import type { EventPayload } from './event-payload';
import { isRecoverable } from '../apps/recovery-config';
import { appendAndDeliver } from '../history/recovery';

/**
 * Delivers the event to local subscribers (skipping `socket_id`), then hands it to the cluster.
 * Resumable channels (the app's `recovery`) go through the history store first; the promise,
 * returned only then, settles once their events are stored and delivered.
 */
export function publish(
  ctx: ServerContext,
  app: App,
  event: EventPayload,
): Promise<void> | undefined {
  const state = ctx.apps.for(app);
  const recovery = ctx.history === undefined ? undefined : app.recovery;
  let stored: Promise<void>[] | undefined;
  // Apps without recovery pay this one check per publish; the others one prefix test per channel,
  // channel by channel in the publish's order, so sockets see the same order either way.
  if (recovery === undefined) {
    deliverEvent(ctx, state, event.channels, event.name, event.data, event.socketId);
  } else {
    for (const name of event.channels) {
      if (!isRecoverable(recovery, name)) {
        deliverEvent(ctx, state, [name], event.name, event.data, event.socketId);
        continue;
      }
      const historyEvent = { event: event.name, data: event.data };
      const pending = appendAndDeliver(ctx, state, recovery, name, historyEvent, event.socketId);
      if (pending) (stored ??= []).push(pending);
    }
  }
  // Local sockets never wait for the bus round trip.
  ctx.cluster?.publishEvent(app.id, event.channels, event.name, event.data, event.socketId);
  ctx.observers.emit('eventPublished', { app, channels: event.channels, event: event.name });
  return stored && Promise.all(stored).then(() => undefined);
}

/** Fans an event out to this node's subscribers and remembers it on cache channels. */
export function deliverEvent(
  ctx: ServerContext,
  state: AppState,
  channels: readonly string[],
  name: string,
  data: string,
  exceptSocketId: string | undefined,
): void {
  const except = exceptSocketId === undefined ? undefined : state.connections.get(exceptSocketId);
  const nowMs = ctx.clock.now();
  for (const channelName of channels) {
    const channel = state.channels.get(channelName);
    const cached = isCacheChannel(channelName);
    // No subscribers and no cache: nothing to serialize. Otherwise one frame per channel, not per socket.
    if (!channel && !cached) continue;
    const frame = channelEvent(channelName, name, data);
    if (cached) {
      state.cache.set(channelName, {
        frame,
        event: name,
        data,
        expiresAtMs: nowMs + state.app.cacheTtlSeconds * 1000,
      });
    }
    if (channel) ctx.broadcaster.broadcast(channel.subscribers, frame, except, state);
  }
}
