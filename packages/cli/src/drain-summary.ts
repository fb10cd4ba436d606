// The drain's one log line: how many connections a stopping server closed, and how long it took.
import { systemClock, type Clock } from '@herald/protocol';
import type { RuntimeServer } from './runtime-server';
import type { Logger } from './logger';

/** What {@link closeWithSummary} logged. */
export interface DrainSummary {
  /** Connections open when the drain started. */
  readonly connections: number;
  /** Connections that closed during the drain (answered the 4200, or were dropped after the timeout). */
  readonly closed: number;
  readonly durationMs: number;
}

/**
 * Closes `node` (drain window, 4200 closes, waiting for clients) and logs one `drain_finished` line
 * for it. Each socket's 4200 is only a debug line (see the log observer), so 1,000 clients cost one
 * line, not 1,000 warnings.
 */
export async function closeWithSummary(
  node: RuntimeServer,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<DrainSummary> {
  const startedMs = clock.now();
  const connections = node.herald.connectionCount;
  let closed = 0;
  const stopCounting = node.herald.observe({ connectionClosed: () => void closed++ });
  try {
    await node.close();
  } finally {
    stopCounting();
  }
  const summary = { connections, closed, durationMs: clock.now() - startedMs };
  logger.info(
    { event: 'drain_finished', ...summary },
    `drained: closed ${closed} of ${connections} connections in ${(summary.durationMs / 1000).toFixed(1)} s`,
  );
  return summary;
}
