// HistoryStore seam: serials and bounded per-channel buffers for resumable channels (issue 15).

/** What the core hands the store for one event on a resumable channel. */
export interface HistoryEvent {
  readonly event: string;
  /** The event's `data` as it goes on the wire: a string for API events, any JSON for client events. */
  readonly data: unknown;
  /** Set on client events of presence channels, as on the wire. */
  readonly userId?: string;
}

/** One stored event, with the serial the store gave it. */
export interface HistoryEntry extends HistoryEvent {
  readonly serial: number;
}

/** How much one channel (and one app) may keep; from the app's `recovery` config. */
export interface HistoryRetention {
  /** Newest events kept per channel. */
  readonly maxEvents: number;
  /** Events older than this are dropped. */
  readonly maxAgeMs: number;
  /** UTF-8 bytes kept for the whole app, all channels together; the oldest events go first. */
  readonly maxAppBytes: number;
}

/** Why a read cannot close the gap after `since`. */
export type HistoryGapReason =
  /** Events after `since` were dropped to stay within `maxEvents` or `maxAppBytes`. */
  | 'overflowed'
  /** Events after `since` were older than `maxAgeMs` and dropped. */
  | 'expired'
  /** The store never gave out `since` on this channel (another store, a restart, a made-up number). */
  | 'unknown';

/** The answer to {@link HistoryStore.read}. */
export interface HistoryRead {
  /** Up to `limit` events with serial > `since`, oldest first; empty when `gap` is set. */
  readonly events: readonly HistoryEntry[];
  /**
   * Where the channel stands: its newest serial, or for a channel with no history a position
   * below every serial it will get. A reader resumes from here later (`read(latestSerial)`).
   */
  readonly latestSerial: number;
  /**
   * Set when some event after `since` is gone (or `since` is not one of this channel's serials):
   * the reader cannot be brought up to date from history and must refetch its state.
   */
  readonly gap: HistoryGapReason | undefined;
}

/** Gauges of what the store holds for one app (read at scrape time). */
export interface HistoryUsage {
  readonly channels: number;
  readonly events: number;
  readonly bytes: number;
}

/**
 * Keeps recent events of resumable channels and numbers them. The in-memory `MemoryHistoryStore`
 * is the single-node default; a cluster needs one store every node shares (Redis Streams with
 * MAXLEN and a TTL, a JetStream stream per app), so the operations may be async; a store that can answer at once (the in-memory one) returns
 * plain values, and the core then delivers in the same turn as on any other channel, so one
 * publish on several channels reaches a socket in the same order with or without recovery.
 *
 * Contract:
 * - `append` gives the event the next serial of its channel: a positive safe integer, strictly
 *   greater than every serial the channel had before, also across store restarts (a serial from
 *   before a restart must read as `unknown` or as a gap, never as a position in the new history).
 *   Serials need not be contiguous across restarts; within a live buffer the store must be able to
 *   tell whether anything after a given serial was dropped.
 * - Operations on one channel take effect, and their promises resolve, in the order they were
 *   called on this node (a store answers either always at once or always with promises). The core relies on it for exactly-once replay: it subscribes a resuming
 *   socket when its `read` resolves, so every event appended before the read is in the read, and
 *   every event appended after it is delivered live (its `append` resolves after the read).
 * - `read(since)` answers every event with a serial above `since`, or a `gap`. It never answers a
 *   partial history without `gap`. `since === undefined` reads from the oldest kept event, with no
 *   gap. `since === latestSerial` is no gap and no events, also when `latestSerial` was the
  position of a channel without history that has had events since: those are all answered.
 * - Retention is enforced by the store (count, age, the app's byte budget); the core never asks
 *   it to delete. Memory (or keys) for a channel whose events all expired must be released.
 * - A failing backend rejects (a store answering at once may throw); the core then treats the
 *   channel as not resumable for that call (live delivery without a serial, `recovered: false`).
 */
export interface HistoryStore {
  /**
   * Whether every node of a cluster reads and numbers the same history (Redis, JetStream). Only
   * such a store can serve a cluster: per-node serials would disagree across nodes. (The core does
   * not run any store on a cluster yet: cross-node delivery must first carry each event's serial,
   * and a node must deliver a channel's events in serial order even when two nodes publish at once.)
   */
  readonly isShared: boolean;
  append(
    appId: string,
    channel: string,
    event: HistoryEvent,
    retention: HistoryRetention,
  ): number | Promise<number>;
  read(
    appId: string,
    channel: string,
    since: number | undefined,
    limit: number,
  ): HistoryRead | Promise<HistoryRead>;
  /** What the store holds for one app, when it can tell cheaply; for stats and metrics. */
  usage?(appId: string): HistoryUsage;
  /** Releases timers and connections. */
  close?(): Promise<void>;
}
