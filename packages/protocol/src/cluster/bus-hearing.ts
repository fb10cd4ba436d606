// BusHearing: whether this node hears its own messages come back over the bus — the proof, for
// any ClusterBus, that silence from a peer says something about the peer and not about this node.

/**
 * Tracks the echo of this node's own messages. The bus contract delivers every payload to its
 * publisher too, so a node that stops hearing itself knows it is cut off, whatever the plugin
 * reports (or if it reports nothing). While deaf, peer silence proves nothing and nobody expires.
 *
 * `deafAfterMs` must stay below `nodeTimeoutMs - heartbeatIntervalMs`: then, at any moment a peer
 * has been silent for `nodeTimeoutMs` because of an outage, this node has already noticed it is deaf.
 */
export class BusHearing {
  private heardAtMs: number;
  private isDeafNow = false;

  constructor(
    nowMs: number,
    private readonly deafAfterMs: number,
  ) {
    this.heardAtMs = nowMs;
  }

  /** Whether this node currently cannot trust peer silence. */
  get isDeaf(): boolean {
    return this.isDeafNow;
  }

  /** One of this node's own messages came back; true when that ends a deaf spell. */
  heard(nowMs: number): boolean {
    this.heardAtMs = nowMs;
    if (!this.isDeafNow) return false;
    this.isDeafNow = false;
    return true;
  }

  /** The plugin reported its connection lost; true when that starts a deaf spell. */
  lost(): boolean {
    if (this.isDeafNow) return false;
    this.isDeafNow = true;
    return true;
  }

  /** Checked before peers may expire; true when self-silence just started a deaf spell. */
  check(nowMs: number): boolean {
    if (this.isDeafNow || nowMs - this.heardAtMs <= this.deafAfterMs) return false;
    this.isDeafNow = true;
    return true;
  }
}

/**
 * How long this node's own messages may stay away before it counts itself cut off: half the node
 * timeout. That tolerates a late echo on a busy event loop (2.5 heartbeats with the defaults) and
 * keeps the bound of {@link BusHearing} with a margin whenever `heartbeatIntervalMs` is below
 * `nodeTimeoutMs / 2`, as any sane timing is.
 */
export function deafAfterMs(nodeTimeoutMs: number): number {
  return nodeTimeoutMs / 2;
}
