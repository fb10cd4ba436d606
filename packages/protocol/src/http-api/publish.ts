// Publishing an accepted event: one frame per channel, fanned out to this node's subscribers.
import type { App } from '../apps/app';
import { channelEvent } from '../messages/frames';
import type { ServerContext } from '../server-context';
import type { EventPayload } from './event-payload';

/** Delivers the event to local subscribers, skipping the socket named by `socket_id`. */
export function publish(ctx: ServerContext, app: App, event: EventPayload): void {
  const state = ctx.apps.for(app);
  const except = event.socketId === undefined ? undefined : state.connections.get(event.socketId);
  for (const name of event.channels) {
    const channel = state.channels.get(name);
    // No subscribers here: nothing to serialize. The frame is built once per channel, not per socket.
    if (!channel) continue;
    ctx.broadcaster.broadcast(channel.subscribers, channelEvent(name, event.name, event.data), except);
  }
  ctx.observers.emit('eventPublished', { app, channels: event.channels, event: event.name });
}
