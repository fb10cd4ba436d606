// ServerTarget: what the conformance suite needs from an adapter — start a real server, close it.
import type { AppConfig } from '@herald/protocol';

/**
 * Server settings a target starts with. JSON-serializable on purpose: a target may hand it to a
 * child process (the Bun adapter runs under another runtime), so no functions, clocks or providers.
 */
export interface TargetConfig {
  apps: AppConfig[];
  /** Sent in `connection_established`; the server pings sockets silent this long. */
  activityTimeoutSeconds?: number;
  /** How long the server waits for a pong after its own ping. */
  pongTimeoutMs?: number;
  /** Unsent bytes per socket before it counts as a slow consumer (4100). */
  maxBufferedBytes?: number;
  /** Deliveries per event-loop turn in a fan-out. */
  fanoutChunkSize?: number;
  /** Longest wait before subscribers learn a changed subscription_count. */
  subscriptionCountThrottleMs?: number;
  /** Error replies one socket may earn per window before it is closed with 4150. */
  maxInvalidMessages?: number;
  /** The window `maxInvalidMessages` counts in, in milliseconds. */
  invalidMessageWindowMs?: number;
  /** Bytes of HTTP request bodies the adapter holds at once before answering 503. */
  maxInFlightBodyBytes?: number;
  /** The HTTP fallback transports' timings and bounds. */
  httpFallback?: {
    heartbeatMs?: number;
    sessionTimeoutMs?: number;
    maxSendBodyBytes?: number;
  };
}

/** A server listening on a real socket. */
export interface RunningServer {
  readonly host: string;
  readonly port: number;
  /** Stops the server; clients still connected are told to reconnect (4200). Idempotent. */
  close(): Promise<void>;
}

/** One adapter under test: `defineServerConformance(target)` runs the whole suite against it. */
export interface ServerTarget {
  /** Shown in test names, e.g. `node`, `bun`. */
  readonly name: string;
  /** Starts a server on 127.0.0.1 with a free port. */
  start(config: TargetConfig): Promise<RunningServer>;
}
