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
 * Somewhere nodes meet. `connect(prefix)` gives each node its own connection; all nodes of one
 * test share a random `prefix`, so suites can run in parallel on one broker.
 */
export interface BusBackend {
  readonly name: string;
  connect(prefix: string): Promise<BusConnection>;
}

/** A backend (in-memory, Redis, NATS) as the conformance suite gets it. */
export interface BusTarget extends BusBackend {
  /**
   * A backend of the test's own (a private broker on a spare port, a fresh hub), which the test
   * may take away from every node at once; the shared brokers are never stopped.
   */
  isolated(): Promise<IsolatedBusBackend>;
}

/** A private backend with outages on demand. */
export interface IsolatedBusBackend extends BusBackend {
  /** The backend goes away for every node at once, as a broker crash would. */
  outage(): Promise<void>;
  /** The backend is back; nodes reconnect on their own. */
  recover(): Promise<void>;
  dispose(): Promise<void>;
}
