// Draining: closing every socket over a window with jitter, so a fleet restart does not stampede.
import type { ServerContext } from '../server-context';
import type { Connection } from './connection';

/** Options for `Herald.drain`. */
export interface DrainOptions {
  /**
   * Spread the closes over this many milliseconds, each socket at a random moment in the window.
   * @default 0 (close every socket at once)
   */
  windowMs?: number;
  /** Close code; pusher-js reconnects at once on 4200–4299. @default 4200 */
  code?: number;
  /** @default 'Server is restarting' */
  reason?: string;
}

// The window is cut into slices; one timer per slice keeps 10,000 sockets at ~50 timers.
const SLICES = 50;

/** Marks the server draining and closes `connections` over the window; resolves after the last. */
export function drainConnections(
  ctx: ServerContext,
  connections: Connection[],
  { windowMs = 0, code = 4200, reason = 'Server is restarting' }: DrainOptions,
): Promise<void> {
  ctx.isDraining = true;
  const close = (conn: Connection) => ctx.closeConnection(conn, code, reason);
  if (windowMs <= 0 || connections.length === 0) {
    connections.forEach(close);
    return Promise.resolve();
  }
  const slices: Connection[][] = Array.from(
    { length: Math.min(SLICES, connections.length) },
    () => [],
  );
  // Random slice per socket: jitter, so reconnects arrive spread out rather than in socket order.
  for (const conn of connections) slices[Math.floor(Math.random() * slices.length)]!.push(conn);
  const sliceMs = windowMs / slices.length;
  return new Promise((resolve) => {
    let remaining = slices.length;
    slices.forEach((slice, i) => {
      ctx.clock.setTimeout(
        () => {
          slice.forEach(close);
          if (--remaining === 0) resolve();
        },
        i * sliceMs + Math.random() * sliceMs,
      );
    });
  });
}
