// Gatherer: asking every live node a question and collecting the answers, with a timeout.
import type { Clock, TimerHandle } from '../contracts/clock';

interface Pending {
  waiting: Set<string>;
  answers: unknown[];
  timer: TimerHandle;
  resolve: (answers: unknown[]) => void;
}

/**
 * Tracks outstanding questions by id. A question resolves when every node it was sent to has
 * answered, when those still missing die, or at the timeout with whatever arrived.
 */
export class Gatherer {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  /** Registers a question to `nodes`; `send(id)` publishes it. Resolves with the answers. */
  ask(nodes: Iterable<string>, send: (id: number) => void): Promise<unknown[]> {
    const waiting = new Set(nodes);
    if (waiting.size === 0) return Promise.resolve([]);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => this.finish(id), this.timeoutMs);
      this.pending.set(id, { waiting, answers: [], timer, resolve });
      send(id);
    });
  }

  answer(id: number, from: string, value: unknown): void {
    const pending = this.pending.get(id);
    if (!pending?.waiting.delete(from)) return;
    pending.answers.push(value);
    if (pending.waiting.size === 0) this.finish(id);
  }

  /** A node died: stop waiting for it anywhere. */
  forget(nodeId: string): void {
    for (const [id, pending] of this.pending) {
      if (pending.waiting.delete(nodeId) && pending.waiting.size === 0) this.finish(id);
    }
  }

  /** Resolves every outstanding question with what it has (on shutdown). */
  flush(): void {
    for (const id of [...this.pending.keys()]) this.finish(id);
  }

  private finish(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    this.clock.clearTimeout(pending.timer);
    pending.resolve(pending.answers);
  }
}
