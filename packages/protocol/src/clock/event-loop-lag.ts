// EventLoopLag: how late the core's own timer fires, the cheapest honest sign that the node is behind.
import type { Clock, TimerHandle } from '../contracts/clock';

/** How often the lag is sampled, in milliseconds. */
const PROBE_INTERVAL_MS = 100;

/**
 * Samples event-loop lag with one interval on the injected clock: a tick due at `t` that runs at
 * `t + lag` means every callback queued meanwhile (HTTP requests, socket reads) waited about that
 * long too. Reads the last sample; no allocation per tick.
 */
export class EventLoopLag {
  /** The lag of the last tick, in milliseconds. */
  lagMs = 0;
  private timer?: TimerHandle;
  private dueAtMs = 0;

  constructor(private readonly clock: Clock) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.dueAtMs = this.clock.now() + PROBE_INTERVAL_MS;
    this.timer = this.clock.setInterval(() => this.tick(), PROBE_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer === undefined) return;
    this.clock.clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const nowMs = this.clock.now();
    this.lagMs = Math.max(0, nowMs - this.dueAtMs);
    this.dueAtMs = nowMs + PROBE_INTERVAL_MS;
  }
}
