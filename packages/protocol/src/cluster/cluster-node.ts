// ClusterNode: all cross-node behaviour, written once over any ClusterBus.
import type { App } from '../apps/app';
import type { AppState } from '../apps/app-state';
import type { TimerHandle } from '../contracts/clock';
import type { BusStatus, ClusterBus } from '../contracts/cluster-bus';
import { isCacheChannel } from '../channels/channel-name';
import { terminateUser } from '../connections/user-sessions';
import { deliverEvent } from '../http-api/publish';
import { clientEventFrame, memberAdded, memberRemoved } from '../messages/frames';
import type { ServerContext } from '../server-context';
import { BusHearing, deafAfterMs } from './bus-hearing';
import { CLUSTER_DEFAULTS, type ClusterOptions } from './cluster-options';
import { decodeClusterMessage, type ClusterMessage, type GatherQuery } from './cluster-message';
import { Gatherer } from './gatherer';
import { NodeRegistry, type PeerNode } from './node-registry';
import { RemoteOccupancy } from './remote-occupancy';
import { RemotePresence, type PresenceEntry } from './remote-presence';
import { ownerOf } from './owner';

/**
 * Joins this node to the others over a bus. Events and client events are delivered locally first
 * and published for the others; presence is replicated (each node publishes its own first join and
 * last leave of a user, versioned, with full snapshots on first contact, on version gaps and after
 * bus outages); heartbeats reveal dead nodes, whose members then leave everywhere exactly once.
 * A node that does not hear its own messages come back is cut off itself: it lets no peer expire
 * until it hears the bus again, then restarts their timers and reconciles by snapshots, quietly.
 */
export class ClusterNode {
  readonly nodeId: string;
  readonly presence = new RemotePresence();
  readonly occupancy = new RemoteOccupancy();
  private readonly peers = new NodeRegistry();
  private readonly gatherer: Gatherer;
  private readonly settings: Required<Omit<ClusterOptions, 'nodeId'>>;
  private readonly allTopic: string;
  private readonly hearing: BusHearing;
  private presenceVersion = 0;
  private heartbeat?: TimerHandle;
  private isStopped = false;
  /** Payloads the bus refused (bus down): counted, reported, never queued without bound. */
  droppedPublishes = 0;
  /** Payloads handed to the bus, and well-formed ones received from other nodes. */
  published = 0;
  received = 0;

  constructor(
    private readonly ctx: ServerContext,
    private readonly bus: ClusterBus,
    options: ClusterOptions = {},
  ) {
    this.nodeId = options.nodeId ?? randomId();
    this.settings = {
      prefix: options.prefix ?? CLUSTER_DEFAULTS.prefix,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? CLUSTER_DEFAULTS.heartbeatIntervalMs,
      nodeTimeoutMs: options.nodeTimeoutMs ?? CLUSTER_DEFAULTS.nodeTimeoutMs,
      gatherTimeoutMs: options.gatherTimeoutMs ?? CLUSTER_DEFAULTS.gatherTimeoutMs,
    };
    this.allTopic = `${this.settings.prefix}.all`;
    this.gatherer = new Gatherer(ctx.clock, this.settings.gatherTimeoutMs);
    this.hearing = new BusHearing(ctx.clock.now(), deafAfterMs(this.settings.nodeTimeoutMs));
  }

  /** Subscribes to the bus and announces this node. */
  async start(): Promise<void> {
    const onPayload = (payload: string) => this.receive(payload);
    await this.bus.subscribe(this.allTopic, onPayload);
    await this.bus.subscribe(this.inbox(this.nodeId), onPayload);
    this.bus.onStatusChange?.((status) => this.onBusStatus(status));
    this.heartbeat = this.ctx.clock.setInterval(
      () => this.tick(),
      this.settings.heartbeatIntervalMs,
    );
    this.sendHeartbeat();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.heartbeat !== undefined) this.ctx.clock.clearInterval(this.heartbeat);
    this.gatherer.flush();
    await this.bus.close();
  }

  // ---- outgoing ---------------------------------------------------------------------------

  publishEvent(
    appId: string,
    channels: readonly string[],
    name: string,
    data: string,
    socketId?: string,
  ): void {
    this.send(this.allTopic, {
      t: 'ev',
      n: this.nodeId,
      a: appId,
      ch: [...channels],
      e: name,
      d: data,
      ...(socketId ? { x: socketId } : {}),
    });
  }

  publishClientEvent(
    appId: string,
    channel: string,
    name: string,
    data: unknown,
    userId: string | undefined,
    socketId: string,
  ): void {
    this.send(this.allTopic, {
      t: 'ce',
      n: this.nodeId,
      a: appId,
      ch: channel,
      e: name,
      d: data,
      x: socketId,
      ...(userId === undefined ? {} : { u: userId }),
    });
  }

  /** This node's first socket of a user joined a presence channel. */
  presenceJoined(appId: string, channel: string, userId: string, info: unknown): void {
    this.send(this.allTopic, {
      t: 'pj',
      n: this.nodeId,
      v: ++this.presenceVersion,
      a: appId,
      ch: channel,
      u: userId,
      i: info ?? null,
    });
  }

  /** This node's last socket of a user left a presence channel. */
  presenceLeft(appId: string, channel: string, userId: string): void {
    this.send(this.allTopic, {
      t: 'pl',
      n: this.nodeId,
      v: ++this.presenceVersion,
      a: appId,
      ch: channel,
      u: userId,
    });
  }

  /**
   * This node's first subscriber joined the channel. Observers hear `channelOccupied` once for the
   * cluster: from the channel's owner node, and only if no other node held the channel.
   */
  channelOccupied(app: App, channel: string): void {
    this.send(this.allTopic, {
      t: 'oc',
      n: this.nodeId,
      v: ++this.presenceVersion,
      a: app.id,
      ch: channel,
    });
    if (!this.occupancy.isHeld(app.id, channel) && this.owns(app.id, channel)) {
      this.ctx.observers.emit('channelOccupied', { app, channel });
    }
  }

  /** This node's last subscriber left the channel; `channelVacated` as for {@link channelOccupied}. */
  channelVacated(app: App, channel: string): void {
    this.send(this.allTopic, {
      t: 'va',
      n: this.nodeId,
      v: ++this.presenceVersion,
      a: app.id,
      ch: channel,
    });
    if (!this.occupancy.isHeld(app.id, channel) && this.owns(app.id, channel)) {
      this.ctx.observers.emit('channelVacated', { app, channel });
    }
  }

  /**
   * Whether this node reports cluster-wide changes of the channel (occupancy, membership): one
   * node per channel, agreed on without messages (see {@link ownerOf}).
   */
  owns(appId: string, channel: string): boolean {
    return ownerOf(this.liveNodeIds(), appId + '\0' + channel) === this.nodeId;
  }

  terminateUser(appId: string, userId: string): void {
    this.send(this.allTopic, { t: 'term', n: this.nodeId, a: appId, u: userId });
  }

  /** Asks every live peer; resolves with their answers (missing ones after the timeout). */
  gather(appId: string, query: GatherQuery): Promise<unknown[]> {
    return this.gatherer.ask(this.peers.ids(), (id) =>
      this.send(this.allTopic, { t: 'req', n: this.nodeId, id, a: appId, q: query }),
    );
  }

  /** Connections to the app on other nodes, as of their last heartbeats. */
  remoteConnections(appId: string): number {
    return this.peers.connectionsOf(appId);
  }

  get peerCount(): number {
    return this.peers.size;
  }

  // ---- incoming ---------------------------------------------------------------------------

  private receive(payload: string): void {
    if (this.isStopped) return;
    const message = decodeClusterMessage(payload);
    if (!message) return;
    if (message.n === this.nodeId) return this.heardSelf();
    this.received++;
    try {
      this.handle(message);
    } catch (error) {
      this.ctx.observers.emit('internalError', { error, where: `cluster ${message.t}` });
    }
  }

  private handle(m: ClusterMessage): void {
    const { peer, isNew } = this.peers.touch(m.n, this.ctx.clock.now());
    if (isNew) this.ctx.observers.emit('nodeAdded', { nodeId: m.n });
    // First contact (a new node, or one back from an outage): swap full snapshots.
    if (isNew && m.t !== 'sync') this.requestSync(peer);
    switch (m.t) {
      case 'hb':
        peer.connections = m.c;
        if (m.v !== peer.presenceVersion) this.requestSync(peer);
        return;
      case 'ev': {
        const state = this.ctx.apps.get(m.a);
        if (state) deliverEvent(this.ctx, state, m.ch, m.e, m.d, m.x);
        // No local state for the app: only cache channels need the event (to remember it).
        else if (m.ch.some(isCacheChannel)) void this.cacheForUnknownApp(m.a, m.ch, m.e, m.d);
        return;
      }
      case 'ce': {
        const channel = this.ctx.apps.get(m.a)?.channels.get(m.ch);
        if (channel)
          this.ctx.broadcaster.broadcast(
            channel.subscribers,
            clientEventFrame(m.ch, m.e, m.d, m.u),
          );
        return;
      }
      case 'pj':
      case 'pl':
      case 'oc':
      case 'va':
        if (m.v !== peer.presenceVersion + 1) this.requestSync(peer);
        peer.presenceVersion = m.v;
        if (m.t === 'pj') this.addRemote(peer.id, m.a, m.ch, m.u, m.i, true);
        else if (m.t === 'pl') this.removeRemote(peer.id, m.a, m.ch, m.u, true);
        else if (m.t === 'oc') this.addOccupancy(peer.id, m.a, m.ch, true);
        else this.removeOccupancy(peer.id, m.a, m.ch, true);
        return;
      case 'sync':
        this.applySnapshot(peer, m.v, m.m, m.o ?? []);
        if (m.w) this.send(this.inbox(peer.id), this.snapshot(false));
        return;
      case 'term': {
        const state = this.ctx.apps.get(m.a);
        if (state) terminateUser(this.ctx, state, m.u);
        return;
      }
      case 'req':
        this.send(this.inbox(peer.id), {
          t: 'res',
          n: this.nodeId,
          id: m.id,
          r: this.answer(m.a, m.q),
        });
        return;
      case 'res':
        this.gatherer.answer(m.id, peer.id, m.r);
        return;
    }
  }

  private answer(appId: string, query: GatherQuery): unknown {
    const state = this.ctx.apps.get(appId);
    if (query.kind === 'channel') return state?.channels.get(query.name)?.subscriptionCount ?? 0;
    const result: Record<string, number> = {};
    if (state) {
      for (const channel of state.channels.values()) {
        if (channel.name.startsWith(query.prefix)) result[channel.name] = channel.subscriptionCount;
      }
    }
    return result;
  }

  // ---- presence replication ---------------------------------------------------------------

  // `notify`: the change is news (a message or a node's death), not a snapshot catching up. Only
  // news reaches observers: a snapshot also lists what was reported long ago, and a node that just
  // joined would otherwise report every member and channel of the cluster again.
  private addRemote(
    nodeId: string,
    appId: string,
    channelName: string,
    userId: string,
    info: unknown,
    notify: boolean,
  ): void {
    const isNew = this.presence.add(nodeId, appId, channelName, userId, info);
    const state = this.ctx.apps.get(appId);
    const channel = state?.channels.get(channelName);
    if (!isNew || channel?.roster?.has(userId) === true) return;
    // JSON carries a missing user_info as null; announce it as missing, as the origin node did.
    if (channel?.roster)
      this.ctx.broadcaster.broadcast(
        channel.subscribers,
        memberAdded(channelName, { userId, userInfo: info ?? undefined }),
      );
    if (notify && this.owns(appId, channelName))
      this.notifyWithApp(appId, (app) =>
        this.ctx.observers.emit('memberAdded', { app, channel: channelName, userId }),
      );
  }

  private removeRemote(
    nodeId: string,
    appId: string,
    channelName: string,
    userId: string,
    notify: boolean,
  ): void {
    if (!this.presence.remove(nodeId, appId, channelName, userId)) return;
    const channel = this.ctx.apps.get(appId)?.channels.get(channelName);
    if (channel?.roster?.has(userId) === true) return;
    if (channel?.roster)
      this.ctx.broadcaster.broadcast(channel.subscribers, memberRemoved(channelName, userId));
    if (notify && this.owns(appId, channelName))
      this.notifyWithApp(appId, (app) =>
        this.ctx.observers.emit('memberRemoved', { app, channel: channelName, userId }),
      );
  }

  private addOccupancy(nodeId: string, appId: string, channelName: string, notify: boolean): void {
    const isFirst = this.occupancy.add(nodeId, appId, channelName);
    if (
      !notify ||
      !isFirst ||
      this.isOccupiedHere(appId, channelName) ||
      !this.owns(appId, channelName)
    )
      return;
    this.notifyWithApp(appId, (app) =>
      this.ctx.observers.emit('channelOccupied', { app, channel: channelName }),
    );
  }

  private removeOccupancy(
    nodeId: string,
    appId: string,
    channelName: string,
    notify: boolean,
  ): void {
    const wasLast = this.occupancy.remove(nodeId, appId, channelName);
    if (
      !notify ||
      !wasLast ||
      this.isOccupiedHere(appId, channelName) ||
      !this.owns(appId, channelName)
    )
      return;
    this.notifyWithApp(appId, (app) =>
      this.ctx.observers.emit('channelVacated', { app, channel: channelName }),
    );
  }

  private isOccupiedHere(appId: string, channelName: string): boolean {
    return this.ctx.apps.get(appId)?.channels.get(channelName)?.isOccupied ?? false;
  }

  /** Observers need the App; a node that never served the app looks it up first. */
  private notifyWithApp(appId: string, fn: (app: App) => void): void {
    const state = this.ctx.apps.get(appId);
    if (state) return fn(state.app);
    this.ctx.provider.findById(appId).then(
      (app) => app && fn(app),
      (error: unknown) =>
        this.ctx.observers.emit('internalError', { error, where: 'cluster app lookup' }),
    );
  }

  /** Replaces everything known of `peer` with its snapshot, announcing only the differences. */
  private applySnapshot(
    peer: PeerNode,
    version: number,
    entries: PresenceEntry[],
    occupied: Array<[string, string]>,
  ): void {
    const incoming = new Set(entries.map(([a, ch, u]) => JSON.stringify([a, ch, u])));
    for (const [a, ch, u] of this.presence.entriesOf(peer.id)) {
      if (!incoming.has(JSON.stringify([a, ch, u]))) this.removeRemote(peer.id, a, ch, u, false);
    }
    for (const [a, ch, u, info] of entries) {
      if (typeof a === 'string' && typeof ch === 'string' && typeof u === 'string')
        this.addRemote(peer.id, a, ch, u, info, false);
    }
    const held = new Set(occupied.map(([a, ch]) => a + '\0' + ch));
    for (const [a, ch] of this.occupancy.entriesOf(peer.id)) {
      if (!held.has(a + '\0' + ch)) this.removeOccupancy(peer.id, a, ch, false);
    }
    for (const [a, ch] of occupied) {
      if (typeof a === 'string' && typeof ch === 'string') this.addOccupancy(peer.id, a, ch, false);
    }
    peer.presenceVersion = version;
  }

  private snapshot(wantReply: boolean): ClusterMessage {
    const entries: Array<[string, string, string, unknown]> = [];
    const occupied: Array<[string, string]> = [];
    for (const state of this.ctx.apps.values()) {
      collectLocalPresence(state, entries);
      for (const channel of state.channels.values())
        if (channel.isOccupied) occupied.push([state.app.id, channel.name]);
    }
    return {
      t: 'sync',
      n: this.nodeId,
      v: this.presenceVersion,
      m: entries,
      o: occupied,
      w: wantReply,
    };
  }

  private requestSync(peer: PeerNode): void {
    const now = this.ctx.clock.now();
    // One request per peer per two heartbeats: a burst of gaps should not flood the bus with snapshots.
    if (now - peer.syncRequestedAtMs < this.settings.heartbeatIntervalMs * 2) return;
    peer.syncRequestedAtMs = now;
    this.send(this.inbox(peer.id), this.snapshot(true));
  }

  // ---- liveness ---------------------------------------------------------------------------

  private tick(): void {
    this.sendHeartbeat();
    const now = this.ctx.clock.now();
    if (this.hearing.check(now)) this.ctx.observers.emit('busStatus', { status: 'down' });
    // Cut off, this node cannot tell a dead peer from a live one it does not hear: announcing
    // departures now would flap every remote member on every client (issue 21).
    if (this.hearing.isDeaf) return;
    for (const dead of this.peers.expire(now, this.settings.nodeTimeoutMs)) {
      for (const [a, ch, u] of this.presence.entriesOf(dead.id))
        this.removeRemote(dead.id, a, ch, u, true);
      this.presence.forgetNode(dead.id);
      for (const [a, ch] of this.occupancy.entriesOf(dead.id))
        this.removeOccupancy(dead.id, a, ch, true);
      this.occupancy.forgetNode(dead.id);
      this.gatherer.forget(dead.id);
      this.ctx.observers.emit('nodeRemoved', { nodeId: dead.id });
    }
  }

  private *liveNodeIds(): IterableIterator<string> {
    yield this.nodeId;
    yield* this.peers.ids();
  }

  private sendHeartbeat(): void {
    const connections: Record<string, number> = {};
    for (const state of this.ctx.apps.values()) connections[state.app.id] = state.connections.size;
    this.send(this.allTopic, { t: 'hb', n: this.nodeId, v: this.presenceVersion, c: connections });
  }

  // The plugin's report only hastens what the echo of this node's own messages proves anyway, so
  // a bus without `onStatusChange` behaves the same, a heartbeat or two later.
  private onBusStatus(status: BusStatus): void {
    if (this.isStopped) return;
    if (status === 'down') {
      if (this.hearing.lost()) this.ctx.observers.emit('busStatus', { status: 'down' });
      return;
    }
    // Its echo ends the outage (see heardSelf); waiting for the next tick would only delay it.
    this.sendHeartbeat();
  }

  private heardSelf(): void {
    const now = this.ctx.clock.now();
    if (!this.hearing.heard(now)) return;
    // Back from an outage. Peers get a fresh node timeout from now: a peer that died meanwhile
    // leaves then, one that is alive will have been heard. A full snapshot to everyone reconciles
    // presence changes lost meanwhile; snapshots announce only real differences to clients.
    this.peers.restartTimers(now);
    this.ctx.observers.emit('busStatus', { status: 'up' });
    this.send(this.allTopic, this.snapshot(true));
  }

  private send(topic: string, message: ClusterMessage): void {
    let pending: Promise<void>;
    this.published++;
    try {
      pending = this.bus.publish(topic, JSON.stringify(message));
    } catch (error) {
      pending = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    pending.catch(() => {
      this.droppedPublishes++;
      this.ctx.observers.emit('messageDropped', { reason: 'bus-unavailable' });
    });
  }

  private inbox(nodeId: string): string {
    return `${this.settings.prefix}.node.${nodeId}`;
  }

  private async cacheForUnknownApp(
    appId: string,
    channels: string[],
    name: string,
    data: string,
  ): Promise<void> {
    const app = await this.ctx.provider.findById(appId).catch(() => undefined);
    if (app) deliverEvent(this.ctx, this.ctx.apps.for(app), channels, name, data, undefined);
  }
}

function collectLocalPresence(
  state: AppState,
  into: Array<[string, string, string, unknown]>,
): void {
  for (const channel of state.channels.values()) {
    if (!channel.roster) continue;
    for (const member of channel.roster.members())
      into.push([state.app.id, channel.name, member.userId, member.userInfo ?? null]);
  }
}

function randomId(): string {
  return Math.random().toString(36).slice(2, 10) + Date.now().toString(36).slice(-4);
}
