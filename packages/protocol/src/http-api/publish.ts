// Publishing an accepted event: one frame per channel, fanned out to this node's subscribers.
import type { App } from '../apps/app';
import { isCacheChannel } from '../channels/channel-name';
import { channelEvent } from '../messages/frames';
import type { ServerContext } from '../server-context';
import type { EventPayload } from './event-payload';

/** Delivers the event to local subscribers, skipping the socket named by `socket_id`. */
export function publish(ctx: ServerContext, app: App, event: EventPayload): void {
  const state = ctx.apps.for(app);
  const except = event.socketId === undefined ? undefined : state.connections.get(event.socketId);
  const nowMs = ctx.clock.now();
  for (const name of event.channels) {
    const channel = state.channels.get(name);
    const cached = isCacheChannel(name);
    // No subscribers and no cache: nothing to serialize. Otherwise one frame per channel, not per socket.
    if (!channel && !cached) continue;
    const frame = channelEvent(name, event.name, event.data);
    if (cached) {
      state.cache.set(name, { frame, event: event.name, data: event.data, expiresAtMs: nowMs + app.cacheTtlSeconds * 1000 });
    }
    if (channel) ctx.broadcaster.broadcast(channel.subscribers, frame, except);
  }
  ctx.observers.emit('eventPublished', { app, channels: event.channels, event: event.name });
}
