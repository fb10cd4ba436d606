// Stats seam: a point-in-time reading of one node's state and counters, for metrics exporters.
import type { HistoryUsage } from './history-store';

/** One app on this node. Gauges are current values; counters only grow while the process lives. */
export interface AppStats {
  readonly appId: string;
  /** Open connections (gauge). */
  readonly connections: number;
  /** Occupied channels (gauge). */
  readonly channels: number;
  /** Channel subscriptions, summed over channels (gauge). */
  readonly subscriptions: number;
  /** Presence members, summed over presence channels, local sockets only (gauge). */
  readonly presenceMembers: number;
  /** Client messages received (counter). */
  readonly messagesIn: number;
  /** UTF-8 bytes received in client messages (counter). */
  readonly bytesIn: number;
  /** Frames sent to sockets, one per recipient (counter). */
  readonly messagesOut: number;
  /** UTF-8 bytes of frames sent (counter). */
  readonly bytesOut: number;
  /** What the history store holds for the app's resumable channels (gauges); apps with `recovery` only. */
  readonly history?: HistoryUsage;
}

/** What `Herald.stats()` returns. */
export interface HeraldStats {
  /** This node's id on the bus, or `undefined` on a single node. */
  readonly nodeId: string | undefined;
  /** Other nodes this one hears from. */
  readonly peers: number;
  /** Fan-out jobs still queued behind the event loop (gauge; high means delivery lags). */
  readonly pendingFanouts: number;
  /** Deliveries those jobs still owe (gauge); publishes get 503 past `maxQueuedDeliveries`. */
  readonly queuedDeliveries: number;
  /** Event-loop lag of the last sample, in ms (gauge); publishes get 503 past `maxEventLoopLagMs`. */
  readonly eventLoopLagMs: number;
  /** Scaling bus traffic (counters); `undefined` on a single node. */
  readonly bus: BusStats | undefined;
  readonly apps: readonly AppStats[];
}

/** Cluster bus counters of this node. */
export interface BusStats {
  /** Messages handed to the bus. */
  readonly published: number;
  /** Messages from other nodes received. */
  readonly received: number;
  /** Publishes the bus refused or failed (bus down); each also emits `messageDropped`. */
  readonly failed: number;
}
