// Reads an AppStats snapshot off one app's live state; O(channels), called on scrape only.
import type { AppStats } from '../contracts/stats';
import type { AppState } from './app-state';

export function readAppStats(state: AppState): AppStats {
  let subscriptions = 0;
  let presenceMembers = 0;
  for (const channel of state.channels.values()) {
    subscriptions += channel.subscriptionCount;
    presenceMembers += channel.userCount;
  }
  const { messagesIn, bytesIn, messagesOut, bytesOut } = state.traffic;
  return {
    appId: state.app.id,
    connections: state.connections.size,
    channels: state.channels.size,
    subscriptions,
    presenceMembers,
    messagesIn,
    bytesIn,
    messagesOut,
    bytesOut,
  };
}
