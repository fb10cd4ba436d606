// NodeRegistry: the other nodes this one has heard from, and when.

/** What this node knows of another. */
export interface PeerNode {
  readonly id: string;
  lastSeenMs: number;
  /** Last presence version applied from this node. */
  presenceVersion: number;
  /** Its connections per app id, from its last heartbeat. */
  connections: Record<string, number>;
  /** When this node last asked the peer for a full snapshot (throttles re-requests). */
  syncRequestedAtMs: number;
}

/** Peers by id; `touch` reports first contact so the caller can exchange snapshots. */
export class NodeRegistry {
  private readonly peers = new Map<string, PeerNode>();

  /** Marks the peer alive; returns it and whether it was unknown until now. */
  touch(id: string, nowMs: number): { peer: PeerNode; isNew: boolean } {
    const existing = this.peers.get(id);
    if (existing) {
      existing.lastSeenMs = nowMs;
      return { peer: existing, isNew: false };
    }
    const peer: PeerNode = {
      id,
      lastSeenMs: nowMs,
      presenceVersion: 0,
      connections: {},
      syncRequestedAtMs: 0,
    };
    this.peers.set(id, peer);
    return { peer, isNew: true };
  }

  /** Removes and returns peers silent for longer than `timeoutMs`. */
  expire(nowMs: number, timeoutMs: number): PeerNode[] {
    const dead: PeerNode[] = [];
    for (const peer of this.peers.values()) {
      if (nowMs - peer.lastSeenMs > timeoutMs) dead.push(peer);
    }
    for (const peer of dead) this.peers.delete(peer.id);
    return dead;
  }

  /**
   * Counts every peer's silence from `nowMs` at the latest: after this node was cut off, the time
   * nobody could reach it says nothing about who died.
   */
  restartTimers(nowMs: number): void {
    for (const peer of this.peers.values()) peer.lastSeenMs = Math.max(peer.lastSeenMs, nowMs);
  }

  ids(): IterableIterator<string> {
    return this.peers.keys();
  }

  values(): IterableIterator<PeerNode> {
    return this.peers.values();
  }

  get size(): number {
    return this.peers.size;
  }

  /** Sum of the peers' connections to an app. */
  connectionsOf(appId: string): number {
    let total = 0;
    for (const peer of this.peers.values()) total += peer.connections[appId] ?? 0;
    return total;
  }
}
