// BusTarget: a scaling backend the scaling conformance suite runs against.
import type { ClusterBus } from '@herald/protocol';

/** One node's connection to the backend. */
export interface BusConnection {
  readonly bus: ClusterBus;
  /** Cuts this node off the backend as if its process died (no goodbye on the bus). */
  kill(): Promise<void>;
  /** Closes what the connection opened (clients, sockets). */
  close(): Promise<void>;
}

/**
 * A backend (in-memory, Redis, NATS). `connect(prefix)` gives each node its own connection;
 * all nodes of one test share a random `prefix`, so suites can run in parallel on one broker.
 */
export interface BusTarget {
  readonly name: string;
  connect(prefix: string): Promise<BusConnection>;
}
