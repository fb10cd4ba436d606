// AppCache: a TTL'd snapshot of the apps table with single-flight reloads and stale-on-error.
import type { Clock } from '@herald/protocol';
import type { AppSnapshot } from './app-snapshot';

/** How {@link AppCache} loads and when it goes stale. */
export interface AppCacheOptions {
  load: () => Promise<AppSnapshot>;
  clock: Pick<Clock, 'now'>;
  ttlMs: number;
  /** After a failed load, how long to answer from the stale snapshot (or the error) before retrying. */
  retryAfterMs: number;
}

/**
 * Holds the last snapshot. A lookup inside the TTL never queries; the first lookup after it loads,
 * and lookups arriving meanwhile share that one load. A failed load keeps the old snapshot (lookups
 * get it) and is not retried for `retryAfterMs`, so an outage costs one query per interval, not one
 * per connection. With no snapshot yet, lookups get the load's error.
 */
export class AppCache {
  private snapshot: AppSnapshot | undefined;
  private failure: Error | undefined;
  private freshUntilMs = Number.NEGATIVE_INFINITY;
  private inflight: Promise<AppSnapshot> | undefined;
  // Bumped by invalidate(); a load that started before it must not count as fresh.
  private generation = 0;

  constructor(private readonly options: AppCacheOptions) {}

  /** Whether a load has ever succeeded, i.e. lookups have something to fall back on. */
  get hasSnapshot(): boolean {
    return this.snapshot !== undefined;
  }

  /** The current snapshot, loading first when it is stale. */
  async current(): Promise<AppSnapshot> {
    if (this.options.clock.now() < this.freshUntilMs) {
      if (this.snapshot) return this.snapshot;
      if (this.failure) throw this.failure;
    }
    try {
      return await this.loadOnce();
    } catch (error) {
      if (this.snapshot) return this.snapshot;
      throw error;
    }
  }

  /** Marks the snapshot stale: the next lookup loads (a load already running will not count). */
  invalidate(): void {
    this.generation++;
    this.freshUntilMs = Number.NEGATIVE_INFINITY;
  }

  /** Loads now, after any load already running; rejects when this load fails. */
  async refresh(): Promise<void> {
    this.invalidate();
    await this.inflight?.catch(() => undefined);
    await this.loadOnce();
  }

  private loadOnce(): Promise<AppSnapshot> {
    this.inflight ??= this.load().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async load(): Promise<AppSnapshot> {
    const generation = this.generation;
    try {
      const snapshot = await this.options.load();
      this.snapshot = snapshot;
      this.failure = undefined;
      this.freshUntil(generation, this.options.ttlMs);
      return snapshot;
    } catch (error) {
      this.failure = error as Error;
      this.freshUntil(generation, this.options.retryAfterMs);
      throw error;
    }
  }

  private freshUntil(generation: number, ms: number): void {
    this.freshUntilMs =
      generation === this.generation ? this.options.clock.now() + ms : Number.NEGATIVE_INFINITY;
  }
}
