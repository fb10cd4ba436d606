// ApiGate: the admission checks every server API call passes, over HTTP or in-process alike.
import type { App } from '../apps/app';
import type { ServerContext } from '../server-context';
import { OVERLOAD_RETRY_AFTER_SECONDS, type PublishAdmission } from '../http-api/publish-admission';
import { RateLimiter, rateLimitHeaders, type RateKind } from '../http-api/rate-limiter';
import { HeraldApiError } from './herald-api-error';

/**
 * One gate for both doors, so an app's budget is one budget (HTTP and in-process calls spend the
 * same per-second allowance) and an overloaded node refuses a publish whichever way it arrives.
 */
export class ApiGate {
  /** The per-app budgets; the HTTP handler checks the same limiter. */
  readonly limiter = new RateLimiter();

  constructor(
    private readonly ctx: ServerContext,
    readonly admission: PublishAdmission,
  ) {}

  /** Throws the 503 the HTTP API answers while this node is behind on delivery. */
  admitPublish(app: App): void {
    const overloaded = this.admission.refusal(this.ctx.apps.for(app));
    if (overloaded === undefined) return;
    this.ctx.observers.emit('messageDropped', { app, reason: 'overloaded' });
    throw new HeraldApiError(503, overloaded, {
      'retry-after': String(OVERLOAD_RETRY_AFTER_SECONDS),
    });
  }

  /**
   * Spends `cost` from the app's `kind` budget; returns the `X-RateLimit-*` headers, or throws the
   * 429 (with those headers) when the budget is spent. No headers when the app has no limit.
   */
  spend(app: App, kind: RateKind, cost: number): Record<string, string> {
    const limit = kind === 'events' ? app.limits.apiEventsPerSecond : app.limits.apiReadsPerSecond;
    if (limit === 0) return {};
    const nodes = 1 + (this.ctx.cluster?.peerCount ?? 0);
    const decision = this.limiter.check(app.id, kind, limit, cost, this.ctx.clock.now(), nodes);
    const headers = rateLimitHeaders(decision);
    if (!decision.isAllowed) {
      this.ctx.observers.emit('messageDropped', { app, reason: 'rate-limited' });
      throw new HeraldApiError(
        429,
        `Rate limit of ${decision.limit} ${kind} per second exceeded`,
        headers,
      );
    }
    return headers;
  }
}
