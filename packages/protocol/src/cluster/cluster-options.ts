// Options of the cluster layer, with defaults in one frozen object.

/** Tuning for multi-node operation; only used when a `scaling` bus is given. */
export interface ClusterOptions {
  /**
   * Namespace for bus topics, so apps and environments can share one Redis or NATS.
   * @default 'herald'
   */
  prefix?: string;
  /**
   * How often a node announces itself, in milliseconds.
   * @default 1000
   */
  heartbeatIntervalMs?: number;
  /**
   * Silence after which a node is declared dead: its presence members leave everywhere and its
   * counts disappear.
   * @default 5000
   */
  nodeTimeoutMs?: number;
  /**
   * Longest wait for other nodes' answers to a cross-node question (channel lists and counts). A
   * question finishes as soon as every live node answered; this only matters when one just died.
   * @default 1000
   */
  gatherTimeoutMs?: number;
  /** This node's id on the bus. @default random */
  nodeId?: string;
}

/** Defaults for {@link ClusterOptions}. */
export const CLUSTER_DEFAULTS = Object.freeze({
  prefix: 'herald',
  heartbeatIntervalMs: 1000,
  nodeTimeoutMs: 5000,
  gatherTimeoutMs: 1000,
});
