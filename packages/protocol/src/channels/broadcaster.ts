// Broadcaster: delivers one Frame to a channel's subscribers, in chunks that yield to the event loop.
import type { Clock } from '../contracts/clock';
import type { Frame } from '../contracts/frame';
import type { Connection } from '../connections/connection';

interface Job {
  readonly subscribers: Iterator<Connection>;
  readonly frame: Frame;
  readonly except: Connection | undefined;
}

/**
 * Small fan-outs are delivered at once. A fan-out larger than `chunkSize` delivers one chunk now
 * and the rest in later turns of the event loop, so a 5,000-subscriber event neither blocks other
 * sockets nor holds up the HTTP response that published it. While any job is queued, new
 * broadcasts queue behind it, so every socket still sees events in publish order.
 *
 * Iterating the live subscriber set (not a copy) costs no allocation per event; a socket that
 * leaves mid-fan-out is skipped, one that joins mid-fan-out may receive the event.
 */
export class Broadcaster {
  private readonly queue: Job[] = [];
  private scheduled = false;

  constructor(
    private readonly clock: Clock,
    private readonly chunkSize: number,
    private readonly deliver: (conn: Connection, frame: Frame) => void,
  ) {}

  /** Sends `frame` to every subscriber except `except`. */
  broadcast(subscribers: Set<Connection>, frame: Frame, except?: Connection): void {
    if (this.queue.length === 0 && subscribers.size <= this.chunkSize) {
      for (const conn of subscribers) if (conn !== except) this.deliver(conn, frame);
      return;
    }
    this.queue.push({ subscribers: subscribers.values(), frame, except });
    if (this.queue.length === 1) this.drain();
  }

  /** Jobs still waiting for delivery (for tests and metrics). */
  get pendingJobs(): number {
    return this.queue.length;
  }

  private drain(): void {
    let budget = this.chunkSize;
    while (budget > 0 && this.queue.length > 0) {
      const job = this.queue[0]!;
      while (budget > 0) {
        const next = job.subscribers.next();
        if (next.done === true) {
          this.queue.shift();
          break;
        }
        if (next.value !== job.except) {
          this.deliver(next.value, job.frame);
          budget--;
        }
      }
    }
    if (this.queue.length > 0 && !this.scheduled) {
      this.scheduled = true;
      this.clock.defer(() => {
        this.scheduled = false;
        this.drain();
      });
    }
  }
}
