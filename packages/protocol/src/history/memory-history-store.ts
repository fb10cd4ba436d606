// MemoryHistoryStore: the single-node HistoryStore, a bounded buffer per channel in this process.
import type { Clock, TimerHandle } from '../contracts/clock';
import type {
  HistoryEntry,
  HistoryEvent,
  HistoryGapReason,
  HistoryRead,
  HistoryRetention,
  HistoryStore,
  HistoryUsage,
} from '../contracts/history-store';

/** A kept event and what the store needs to drop it again. */
interface Kept extends HistoryEntry {
  readonly log: ChannelLog;
  readonly bytes: number;
  readonly expiresAtMs: number;
  isDropped: boolean;
}

/** One channel's buffer; kept a while after it empties, so its numbering (and gaps) carry on. */
interface ChannelLog {
  readonly name: string;
  /** The serial before the first one this log gave out. */
  readonly base: number;
  lastSerial: number;
  readonly entries: Kept[];
  /** Highest serial dropped for count or bytes (overflow) and for age (expiry). */
  overflowedThrough: number;
  expiredThrough: number;
  emptySinceMs: number | undefined;
}

interface AppHistory {
  readonly logs: Map<string, ChannelLog>;
  /** Every kept event of the app in append order: the oldest goes first when bytes run out. */
  readonly order: Kept[];
  orderHead: number;
  bytes: number;
  events: number;
  maxAgeMs: number;
  /** Positions below this may predate a forgotten channel's events: they read as `unknown`. */
  horizon: number;
}

/** Options of {@link MemoryHistoryStore}. */
export interface MemoryHistoryStoreOptions {
  /**
   * How often expired events are swept out of channels nobody publishes to any more, in ms.
   * @default 1000
   */
  sweepIntervalMs?: number;
}

// Per kept event, beyond its strings: the entry object and its slot in the app's order.
const ENTRY_OVERHEAD_BYTES = 96;

/**
 * Serials start at the clock in microseconds (the first event of a channel at 12:00:00.000 gets
 * `now * 1000 + 1`) and count up by one: contiguous within this process, so a gap is plain
 * arithmetic, and larger than anything a previous process gave out, so a client holding a serial
 * from before a restart reads as `unknown` instead of pointing into the new numbering.
 */
export class MemoryHistoryStore implements HistoryStore {
  readonly isShared = false;
  private readonly apps = new Map<string, AppHistory>();
  private highWater = 0;
  private readonly startPosition: number;
  private readonly sweepIntervalMs: number;
  private timer: TimerHandle;

  constructor(
    private readonly clock: Clock,
    options: MemoryHistoryStoreOptions = {},
  ) {
    this.startPosition = clock.now() * 1000;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 1000;
  }

  append(appId: string, channel: string, event: HistoryEvent, retention: HistoryRetention): number {
    const nowMs = this.clock.now();
    // The sweep runs only while something is kept: a server without resumable traffic has no timer.
    this.timer ??= this.clock.setInterval(() => this.sweep(), this.sweepIntervalMs);
    const app = this.appHistory(appId);
    app.maxAgeMs = retention.maxAgeMs;
    this.expire(app, nowMs);
    let log = app.logs.get(channel);
    if (log === undefined) {
      const base = this.position(nowMs);
      log = {
        name: channel,
        base,
        lastSerial: base,
        entries: [],
        overflowedThrough: base,
        expiredThrough: base,
        emptySinceMs: undefined,
      };
      app.logs.set(channel, log);
    }
    const serial = ++log.lastSerial;
    this.highWater = Math.max(this.highWater, serial);
    const kept: Kept = {
      serial,
      event: event.event,
      data: event.data,
      ...(event.userId === undefined ? {} : { userId: event.userId }),
      log,
      bytes: sizeOf(event),
      expiresAtMs: nowMs + retention.maxAgeMs,
      isDropped: false,
    };
    log.entries.push(kept);
    log.emptySinceMs = undefined;
    app.order.push(kept);
    app.bytes += kept.bytes;
    app.events++;
    while (log.entries.length > retention.maxEvents)
      this.drop(app, log.entries[0]!, 'overflowed', nowMs);
    while (app.bytes > retention.maxAppBytes && app.events > 0) {
      const oldest = this.oldest(app);
      if (oldest === undefined) break;
      this.drop(app, oldest, 'overflowed', nowMs);
    }
    this.compact(app);
    return serial;
  }

  read(appId: string, channel: string, since: number | undefined, limit: number): HistoryRead {
    const nowMs = this.clock.now();
    const app = this.apps.get(appId);
    if (app !== undefined) this.expire(app, nowMs);
    const horizon = app?.horizon ?? this.startPosition;
    const log = app?.logs.get(channel);
    if (log === undefined) {
      const position = this.position(nowMs);
      const isKnown = since === undefined || (since >= horizon && since <= position);
      return answer([], position, isKnown ? undefined : 'unknown');
    }
    const latestSerial = log.lastSerial;
    if (since === undefined) return answer(log.entries.slice(0, limit), latestSerial, undefined);
    if (!Number.isSafeInteger(since) || since > latestSerial)
      return answer([], latestSerial, 'unknown');
    // A position taken before this log began (and after anything forgotten) missed nothing before it.
    let from = since;
    if (since < log.base) {
      if (since < horizon) return answer([], latestSerial, 'unknown');
      from = log.base;
    }
    const first = log.entries[0]?.serial ?? latestSerial + 1;
    if (from < first - 1) {
      return answer([], latestSerial, log.overflowedThrough > from ? 'overflowed' : 'expired');
    }
    const start = from - first + 1;
    return answer(log.entries.slice(start, start + limit), latestSerial, undefined);
  }

  usage(appId: string): HistoryUsage {
    const app = this.apps.get(appId);
    if (app === undefined) return { channels: 0, events: 0, bytes: 0 };
    let channels = 0;
    for (const log of app.logs.values()) if (log.entries.length > 0) channels++;
    return { channels, events: app.events, bytes: app.bytes };
  }

  close(): Promise<void> {
    this.stopSweeping();
    return Promise.resolve();
  }

  /** Drops expired events of every app and forgets channels empty for longer than their max age. */
  sweep(): void {
    const nowMs = this.clock.now();
    let logs = 0;
    for (const app of this.apps.values()) {
      this.expire(app, nowMs);
      for (const [name, log] of app.logs) {
        if (log.emptySinceMs !== undefined && log.emptySinceMs + app.maxAgeMs <= nowMs) {
          app.logs.delete(name);
          app.horizon = Math.max(app.horizon, log.lastSerial);
        }
      }
      logs += app.logs.size;
    }
    if (logs === 0) this.stopSweeping();
  }

  private stopSweeping(): void {
    if (this.timer !== undefined) this.clock.clearInterval(this.timer);
    this.timer = undefined;
  }

  // Where the numbering stands: every serial given out later is larger.
  private position(nowMs: number): number {
    return Math.max(nowMs * 1000, this.highWater);
  }

  private appHistory(appId: string): AppHistory {
    let app = this.apps.get(appId);
    if (app === undefined) {
      app = {
        logs: new Map(),
        order: [],
        orderHead: 0,
        bytes: 0,
        events: 0,
        maxAgeMs: 0,
        horizon: this.startPosition,
      };
      this.apps.set(appId, app);
    }
    return app;
  }

  // The app's order is append order, so expired events are always at its front.
  private expire(app: AppHistory, nowMs: number): void {
    for (
      let kept = this.oldest(app);
      kept !== undefined && kept.expiresAtMs <= nowMs;
      kept = this.oldest(app)
    )
      this.drop(app, kept, 'expired', nowMs);
    this.compact(app);
  }

  private oldest(app: AppHistory): Kept | undefined {
    while (app.orderHead < app.order.length) {
      const kept = app.order[app.orderHead]!;
      if (!kept.isDropped) return kept;
      app.orderHead++;
    }
    return undefined;
  }

  // A channel's entries are in append order too, so the dropped one is always its first.
  private drop(app: AppHistory, kept: Kept, reason: 'overflowed' | 'expired', nowMs: number): void {
    const log = kept.log;
    log.entries.shift();
    kept.isDropped = true;
    app.bytes -= kept.bytes;
    app.events--;
    if (reason === 'overflowed') log.overflowedThrough = kept.serial;
    else log.expiredThrough = kept.serial;
    if (log.entries.length === 0) log.emptySinceMs = nowMs;
  }

  private compact(app: AppHistory): void {
    if (app.orderHead > 1024 && app.orderHead * 2 > app.order.length) {
      app.order.splice(0, app.orderHead);
      app.orderHead = 0;
    }
  }
}

function answer(
  kept: readonly Kept[],
  latestSerial: number,
  gap: HistoryGapReason | undefined,
): HistoryRead {
  return { events: kept.map(entryOf), latestSerial, gap };
}

function entryOf(kept: Kept): HistoryEntry {
  return kept.userId === undefined
    ? { serial: kept.serial, event: kept.event, data: kept.data }
    : { serial: kept.serial, event: kept.event, data: kept.data, userId: kept.userId };
}

function sizeOf(event: HistoryEvent): number {
  const data = typeof event.data === 'string' ? event.data : (JSON.stringify(event.data) ?? '');
  return (
    ENTRY_OVERHEAD_BYTES +
    Buffer.byteLength(event.event) +
    Buffer.byteLength(data) +
    (event.userId === undefined ? 0 : Buffer.byteLength(event.userId))
  );
}
