// LeaveDelay: holds channel_vacated and member_removed briefly, so a quick reconnect does not flap.

interface Held {
  readonly timer: ReturnType<typeof setTimeout>;
  readonly send: () => void;
}

/**
 * Pusher delays `channel_vacated` and `member_removed` a few seconds. A leave is held for
 * `delayMs`; if the same channel is occupied again (or the same user re-added) meanwhile, the held
 * leave and the new join cancel out and neither is sent.
 */
export class LeaveDelay {
  private readonly held = new Map<string, Held>();

  constructor(private readonly delayMs: number) {}

  /** Holds a leave under `key`; `send` runs after the delay unless {@link rejoin} cancels it. */
  leave(key: string, send: () => void): void {
    if (this.delayMs === 0) return send();
    const previous = this.held.get(key);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => {
      this.held.delete(key);
      send();
    }, this.delayMs);
    // A held leave must not keep a process alive that is otherwise done; close() flushes it.
    timer.unref?.();
    this.held.set(key, { timer, send });
  }

  /** Returns true if a held leave under `key` was cancelled (the join should not be sent either). */
  rejoin(key: string): boolean {
    const held = this.held.get(key);
    if (held === undefined) return false;
    clearTimeout(held.timer);
    this.held.delete(key);
    return true;
  }

  /** Sends every held leave now (on shutdown: a vacated channel must still be reported). */
  flush(): void {
    const all = [...this.held.values()];
    this.held.clear();
    for (const held of all) {
      clearTimeout(held.timer);
      held.send();
    }
  }

  get size(): number {
    return this.held.size;
  }
}
