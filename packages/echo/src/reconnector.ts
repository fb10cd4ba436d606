// Reconnector: owns retry timing (backoff with full jitter), driving a connection through a small driver.
import type { Backoff } from './backoff';
import type { Clock, TimerHandle } from './clock';
import type { ConnectionError, ConnectionStatus } from './connection-status';
import type { WritableStore } from './store';

/** What the reconnector asks of the connection (pusher-js's ConnectionManager, in practice). */
export interface ConnectionDriver {
  /** Drops whatever is in flight and marks the connection down, without retrying by itself. */
  suspend(): void;
  /** Starts one connection attempt now. */
  attempt(): void;
}

/** Timing knobs besides the backoff curve. */
export interface ReconnectorTiming {
  /** An attempt not connected after this long counts as failed, in milliseconds. */
  attemptTimeoutMs: number;
  /** Outage length after which the state reads `unavailable`, in milliseconds. */
  unavailableAfterMs: number;
  /**
   * How long a connection must stay up before a server's "back off" close (4100–4199) counts as
   * the first of a new streak rather than the next of the last one, in milliseconds.
   * @default 60000
   */
  backoffStreakResetMs?: number;
}

/** Default of {@link ReconnectorTiming.backoffStreakResetMs}. */
const BACKOFF_STREAK_RESET_MS = 60_000;

type Phase = 'initial' | 'connected' | 'waiting' | 'attempting' | 'stopped';

/**
 * The retry state machine. Inputs are the connection's events (`connected`, `lost`,
 * `attemptFailed`, `refused`, `stopped`) and the environment's (`wake`, `setOnline`); outputs are
 * driver calls and status updates. All timing goes through the injected clock.
 */
export class Reconnector {
  private phase: Phase = 'initial';
  private timer: TimerHandle | undefined;
  private attempt = 0;
  private isEverConnected = false;
  private isOnline = true;
  /** Server "back off" closes in a row; only a connection that stays up ends a streak. */
  private backoffStreak = 0;
  private connectedAt: number | undefined;
  private attemptStartedAt: number | undefined;

  constructor(
    private readonly driver: ConnectionDriver,
    private readonly backoff: Backoff,
    private readonly clock: Clock,
    private readonly status: WritableStore<ConnectionStatus>,
    private readonly timing: ReconnectorTiming,
  ) {}

  /** The first connection attempt has begun (pusher-js connects on construction). */
  starting(): void {
    this.clearTimer();
    this.phase = 'attempting';
    this.attemptStartedAt = this.clock.now();
    this.armAttemptDeadline();
    this.status.update((s) => ({
      ...s,
      state: 'connecting',
      nextRetryAt: null,
      downSince: s.downSince ?? this.clock.now(),
    }));
  }

  connected(socketId: string, transport: string | null): void {
    this.clearTimer();
    this.phase = 'connected';
    this.attempt = 0;
    this.isEverConnected = true;
    this.connectedAt = this.clock.now();
    this.status.update((s) => ({
      ...s,
      state: 'connected',
      attempt: 0,
      nextRetryAt: null,
      socketId,
      transport,
      downSince: null,
    }));
  }

  /** The connection dropped, or pusher-js asked for a retry. Idempotent while a retry is pending. */
  lost(error?: ConnectionError): void {
    if (error !== undefined) this.recordError(error);
    if (this.phase === 'waiting' || this.phase === 'stopped') return;
    if (this.phase === 'attempting' || this.phase === 'initial') {
      this.attemptFailed();
      return;
    }
    this.markDown();
    this.driver.suspend();
    this.scheduleNext();
  }

  /**
   * The server closed with 4100–4199: it is over capacity, or this client read too slowly (4100).
   * Coming straight back would meet the same overload, so the wait is drawn from the upper half of
   * the back-off ceiling (never near zero), and the ceiling grows with each such close in a row,
   * even though each reconnect succeeds in between.
   */
  backOff(error: ConnectionError): void {
    this.recordError(error);
    if (this.phase === 'waiting' || this.phase === 'stopped') return;
    const resetMs = this.timing.backoffStreakResetMs ?? BACKOFF_STREAK_RESET_MS;
    if (this.connectedAt !== undefined && this.clock.now() - this.connectedAt >= resetMs)
      this.backoffStreak = 0;
    this.backoffStreak += 1;
    if (this.phase === 'connected') this.markDown();
    this.driver.suspend();
    this.scheduleNext(this.backoffStreak);
  }

  /** The attempt in flight failed (transport error, or it timed out). */
  attemptFailed(error?: ConnectionError): void {
    // A failure reported after the attempt already ended is the echo of our own teardown (the
    // transport closed because it timed out): it must not replace the real cause in lastError.
    if (this.phase !== 'attempting' && this.phase !== 'initial') return;
    if (error !== undefined) this.recordError(error);
    this.driver.suspend();
    this.scheduleNext();
  }

  /** The server refused the connection for good (4000–4099): stop retrying. */
  refused(error: ConnectionError): void {
    this.recordError(error);
    this.stop('failed');
  }

  /** The app disconnected on purpose. */
  stopped(): void {
    this.stop('disconnected');
  }

  /** The device came back online or the page became visible: retry at once if waiting. */
  wake(): void {
    if (this.phase !== 'waiting') return;
    this.clearTimer();
    this.runAttempt();
  }

  /** Network reachability as the platform reports it. */
  setOnline(isOnline: boolean): void {
    this.isOnline = isOnline;
    if (isOnline) this.wake();
    else if (this.phase === 'waiting' || this.phase === 'attempting') {
      this.status.update((s) => ({ ...s, state: 'unavailable' }));
    }
  }

  /** Whether an attempt is in flight (its transport failures count as attempt failures). */
  get isAttempting(): boolean {
    return this.phase === 'attempting' || this.phase === 'initial';
  }

  /** How long the attempt in flight has run, in milliseconds; `undefined` when none is. */
  get attemptAgeMs(): number | undefined {
    if (!this.isAttempting || this.attemptStartedAt === undefined) return undefined;
    return this.clock.now() - this.attemptStartedAt;
  }

  /** Stops timers; no more attempts. */
  dispose(): void {
    this.clearTimer();
    this.phase = 'stopped';
  }

  private stop(state: 'failed' | 'disconnected'): void {
    this.clearTimer();
    this.phase = 'stopped';
    this.status.update((s) => ({
      ...s,
      state,
      nextRetryAt: null,
      socketId: null,
      transport: null,
    }));
  }

  private markDown(): void {
    this.status.update((s) => ({
      ...s,
      downSince: this.clock.now(),
      socketId: null,
      transport: null,
      latencyMs: null,
    }));
  }

  /** `backoffStreak`: set when the server asked to back off, which also sets the least attempt number. */
  private scheduleNext(backoffStreak?: number): void {
    this.clearTimer();
    this.attempt = Math.max(this.attempt + 1, backoffStreak ?? 0);
    const now = this.clock.now();
    const downSince = this.status.getSnapshot().downSince ?? now;
    const outageMs = now - downSince;
    const jitteredMs = this.backoff.delayMs(this.attempt, outageMs);
    // "Equal jitter" when the server asked for it: half the ceiling, plus half a full-jitter draw.
    const delayMs =
      backoffStreak === undefined
        ? jitteredMs
        : Math.ceil(this.backoff.ceilingMs(this.attempt, outageMs) / 2) +
          Math.floor(jitteredMs / 2);
    this.phase = 'waiting';
    this.status.update((s) => ({
      ...s,
      state: this.stateWhileDown(outageMs),
      attempt: this.attempt,
      nextRetryAt: now + delayMs,
      downSince,
    }));
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.runAttempt();
    }, delayMs);
  }

  private runAttempt(): void {
    this.phase = 'attempting';
    this.attemptStartedAt = this.clock.now();
    this.status.update((s) => ({ ...s, nextRetryAt: null }));
    this.armAttemptDeadline();
    this.driver.attempt();
  }

  private armAttemptDeadline(): void {
    this.clearTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.attemptFailed({
        code: null,
        message: 'connection attempt timed out',
        at: this.clock.now(),
      });
    }, this.timing.attemptTimeoutMs);
  }

  private stateWhileDown(outageMs: number): ConnectionStatus['state'] {
    if (!this.isOnline || outageMs >= this.timing.unavailableAfterMs) return 'unavailable';
    return this.isEverConnected ? 'reconnecting' : 'connecting';
  }

  /** Records a problem as `lastError` without changing course. */
  noteError(error: ConnectionError): void {
    this.recordError(error);
  }

  private recordError(error: ConnectionError): void {
    this.status.update((s) => ({ ...s, lastError: error }));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
