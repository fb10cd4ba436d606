// RateLimiter: per-app HTTP API budgets in fixed one-second windows, split across cluster nodes.

/** What a request spends from its app's budget. */
export type RateKind = 'events' | 'reads';

/** The outcome of one check, with the values for the `X-RateLimit-*` headers. */
export interface RateDecision {
  readonly isAllowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window resets. */
  readonly resetSeconds: number;
}

interface Window {
  startMs: number;
  used: number;
}

const WINDOW_MS = 1000;

/**
 * Fixed windows keep the state at two numbers per app and kind. With a scaling plugin each node
 * enforces its share (`limit / nodes`): exact when the load balancer spreads requests evenly,
 * and it needs no bus round trip on the request path.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  check(
    appId: string,
    kind: RateKind,
    limit: number,
    cost: number,
    nowMs: number,
    nodes: number,
  ): RateDecision {
    const share = Math.max(1, Math.floor(limit / Math.max(1, nodes)));
    const key = `${appId}\n${kind}`;
    let window = this.windows.get(key);
    if (!window || nowMs - window.startMs >= WINDOW_MS) {
      window = { startMs: nowMs, used: 0 };
      this.windows.set(key, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.startMs + WINDOW_MS - nowMs) / 1000));
    if (window.used + cost > share) {
      return {
        isAllowed: false,
        limit: share,
        remaining: Math.max(0, share - window.used),
        resetSeconds,
      };
    }
    window.used += cost;
    return { isAllowed: true, limit: share, remaining: share - window.used, resetSeconds };
  }
}

/** The `X-RateLimit-*` headers for a decision. */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'x-ratelimit-limit': String(decision.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': String(decision.resetSeconds),
  };
}
