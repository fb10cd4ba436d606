// Publish admission: new publishes are refused fast (503) while this node is behind on delivery.
import type { AppState } from '../apps/app-state';
import type { EventLoopLag } from '../clock/event-loop-lag';
import type { ServerContext } from '../server-context';

/** Seconds a refused publisher is told to wait (`Retry-After`). */
export const OVERLOAD_RETRY_AFTER_SECONDS = 1;

/**
 * Accepting every publish while fan-out falls behind only moves the wait into the publishers'
 * timeouts (and delivers events after they gave up). Refusing at the door keeps the backlog to a
 * few seconds, and a refusal costs a fraction of an accepted publish, so the node catches up.
 */
export class PublishAdmission {
  constructor(
    private readonly ctx: ServerContext,
    private readonly lag: EventLoopLag,
  ) {}

  /** Why a publish for `state`'s app must be refused now, or `undefined` to accept it. */
  refusal(state: AppState): string | undefined {
    const { maxQueuedDeliveries, maxEventLoopLagMs } = this.ctx.settings;
    const queued = this.ctx.broadcaster.queuedDeliveries;
    if (queued > maxQueuedDeliveries) {
      return `Herald is over capacity: ${queued} deliveries queued on this node (limit ${maxQueuedDeliveries})`;
    }
    const appLimit = state.app.limits.maxQueuedDeliveries;
    if (appLimit > 0 && state.queuedDeliveries > appLimit) {
      return `Herald is over capacity for this app: ${state.queuedDeliveries} deliveries queued (limit ${appLimit})`;
    }
    if (this.lag.lagMs > maxEventLoopLagMs) {
      return `Herald is over capacity: its event loop is ${Math.round(this.lag.lagMs)} ms behind`;
    }
    return undefined;
  }
}
