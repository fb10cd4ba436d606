// DeadLetters: the last batches that could not be delivered, kept in a bounded ring for inspection.
import type { WebhookEvent } from './webhook-event';

/** A batch given up on, and why. */
export interface DeadLetter {
  readonly appId: string;
  readonly url: string;
  readonly events: readonly WebhookEvent[];
  /** Attempts made, including the first. */
  readonly attempts: number;
  /** The last failure: an HTTP status line, a network error, or `queue full`. */
  readonly reason: string;
  readonly failedAtMs: number;
}

/** Keeps the newest `capacity` dead letters; older ones are counted, not kept. */
export class DeadLetters {
  private readonly items: DeadLetter[] = [];
  /** Every dead letter ever recorded, including those the ring no longer holds. */
  total = 0;

  constructor(private readonly capacity: number) {}

  add(letter: DeadLetter): void {
    this.total++;
    if (this.capacity === 0) return;
    if (this.items.length === this.capacity) this.items.shift();
    this.items.push(letter);
  }

  list(): readonly DeadLetter[] {
    return [...this.items];
  }
}
