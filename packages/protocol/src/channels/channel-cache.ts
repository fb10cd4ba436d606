// ChannelCache: the last API event of each cache channel, kept for a TTL whether or not anyone listens.
import type { Frame } from '../contracts/frame';

/** One remembered event. */
export interface CachedEvent {
  readonly frame: Frame;
  readonly event: string;
  readonly data: string;
  readonly expiresAtMs: number;
}

/**
 * Per app. Only HTTP API events are stored (never client or member events). Expired entries are
 * dropped when read and by `prune`, which the activity sweep calls, so memory follows live caches.
 */
export class ChannelCache {
  private readonly entries = new Map<string, CachedEvent>();

  set(channel: string, entry: CachedEvent): void {
    this.entries.set(channel, entry);
  }

  get(channel: string, nowMs: number): CachedEvent | undefined {
    const entry = this.entries.get(channel);
    if (entry && entry.expiresAtMs <= nowMs) {
      this.entries.delete(channel);
      return undefined;
    }
    return entry;
  }

  prune(nowMs: number): void {
    for (const [channel, entry] of this.entries)
      if (entry.expiresAtMs <= nowMs) this.entries.delete(channel);
  }

  get size(): number {
    return this.entries.size;
  }
}
