// ActivityMonitor: pings silent sockets and closes those that do not answer.
import { ErrorCode } from '../errors/error-codes';
import { pingFrame } from '../messages/frames';
import type { ServerContext } from '../server-context';
import type { TimerHandle } from '../contracts/clock';

/**
 * One sweep timer for all sockets instead of a timer per socket: a sweep visits every connection
 * (O(n) every few seconds, never per message), while a message only stamps `lastActivityMs`.
 * A socket silent for the activity timeout gets `pusher:ping`; no reply within the pong timeout
 * closes it with 4201. Sockets that never subscribed are covered the same way.
 */
export class ActivityMonitor {
  private timer?: TimerHandle;

  constructor(private readonly ctx: ServerContext) {}

  start(): void {
    const { activityTimeoutSeconds, pongTimeoutMs } = this.ctx.settings;
    const periodMs = Math.max(50, Math.min(activityTimeoutSeconds * 1000, pongTimeoutMs) / 4);
    // Sign-in deadlines ride on the same sweep, so they fire up to one period late.
    this.timer = this.ctx.clock.setInterval(() => this.sweep(), periodMs);
  }

  stop(): void {
    if (this.timer !== undefined) this.ctx.clock.clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Checks every connection once; public so tests with a manual clock can drive it. */
  sweep(): void {
    const now = this.ctx.clock.now();
    const activityMs = this.ctx.settings.activityTimeoutSeconds * 1000;
    const pongMs = this.ctx.settings.pongTimeoutMs;
    for (const state of this.ctx.apps.values()) {
      state.cache.prune(now);
      const signinDeadlineMs = state.app.signinTimeoutMs;
      for (const conn of state.connections.values()) {
        if (
          signinDeadlineMs > 0 &&
          conn.userId === undefined &&
          now - conn.openedAtMs >= signinDeadlineMs
        ) {
          this.ctx.closeConnection(
            conn,
            ErrorCode.Unauthorized,
            'Connection was not signed in in time',
          );
        } else if (conn.pingSentAtMs !== undefined) {
          if (now - conn.pingSentAtMs >= pongMs) {
            this.ctx.closeConnection(conn, ErrorCode.PongNotReceived, 'Pong reply not received');
          }
        } else if (now - conn.lastActivityMs >= activityMs) {
          conn.pingSentAtMs = now;
          this.ctx.send(conn, pingFrame());
        }
      }
    }
  }
}
