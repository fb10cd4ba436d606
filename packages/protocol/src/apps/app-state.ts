// AppState: the live state of one app on this node — its connections and channels.
import type { App } from './app';
import { AppTraffic } from './app-traffic';
import { ChannelCache } from '../channels/channel-cache';
import { ChannelRegistry } from '../channels/channel-registry';
import type { DeliveryBacklog } from '../channels/broadcaster';
import type { Connection } from '../connections/connection';
import { PresenceUsers } from '../connections/presence-users';

/** Created on first use of an app, kept for the life of the server (apps are few). */
export class AppState implements DeliveryBacklog {
  /** This app's fan-out deliveries queued on this node (admission control reads it). */
  queuedDeliveries = 0;
  readonly channels = new ChannelRegistry();
  /** Established connections by socket id. */
  readonly connections = new Map<string, Connection>();
  /** Signed-in connections by user id (a user may have several sockets). */
  readonly users = new Map<string, Set<Connection>>();
  /** Signed-in connections watching a user id (`user_data.watchlist`). */
  readonly watchers = new Map<string, Set<Connection>>();
  /** Connections by the user id they joined presence channels as (terminate reads it). */
  readonly presenceUsers = new PresenceUsers();
  readonly cache = new ChannelCache();
  readonly traffic = new AppTraffic();

  constructor(public app: App) {}
}

/** AppState per app id. */
export class AppStates {
  private readonly states = new Map<string, AppState>();

  for(app: App): AppState {
    let state = this.states.get(app.id);
    if (!state) {
      state = new AppState(app);
      this.states.set(app.id, state);
    } else if (state.app !== app) {
      // A provider may hand out a fresh object after a config change; keep the newest settings.
      state.app = app;
    }
    return state;
  }

  get(appId: string): AppState | undefined {
    return this.states.get(appId);
  }

  values(): IterableIterator<AppState> {
    return this.states.values();
  }
}
