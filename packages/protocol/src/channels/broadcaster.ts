// Broadcaster: delivers one Frame to a channel's subscribers, in chunks that yield to the event loop.
import type { Clock } from '../contracts/clock';
import type { Frame } from '../contracts/frame';
import type { Connection } from '../connections/connection';

/** Deliveries queued but not yet made; one per app (`AppState.backlog`), read by admission control. */
export interface DeliveryBacklog {
  queuedDeliveries: number;
}

interface Job {
  readonly subscribers: Iterator<Connection>;
  readonly frame: Frame;
  readonly except: Connection | undefined;
  readonly backlog: DeliveryBacklog | undefined;
  /** Deliveries this job still counts in the backlogs (the subscriber count when it was queued). */
  remaining: number;
}

/**
 * Small fan-outs are delivered at once. A fan-out larger than `chunkSize` delivers one chunk now
 * and the rest in later turns of the event loop, so a 5,000-subscriber event neither blocks other
 * sockets nor holds up the HTTP response that published it. While any job is queued, new
 * broadcasts queue behind it, so every socket still sees events in publish order.
 *
 * Iterating the live subscriber set (not a copy) costs no allocation per event; a socket that
 * leaves mid-fan-out is skipped, one that joins mid-fan-out may receive the event.
 *
 * Queued work is counted (node-wide, and per app when the caller passes its backlog) once per chunk,
 * not per delivery, so admission control can refuse publishes before the backlog grows past what
 * the node can deliver in a few seconds.
 */
export class Broadcaster implements DeliveryBacklog {
  /** Deliveries queued on this node, all apps together. */
  queuedDeliveries = 0;
  private readonly queue: Job[] = [];
  private scheduled = false;

  constructor(
    private readonly clock: Clock,
    private readonly chunkSize: number,
    private readonly deliver: (conn: Connection, frame: Frame) => void,
  ) {}

  /** Sends `frame` to every subscriber except `except`; `backlog` counts it against an app. */
  broadcast(
    subscribers: Set<Connection>,
    frame: Frame,
    except?: Connection,
    backlog?: DeliveryBacklog,
  ): void {
    if (this.queue.length === 0 && subscribers.size <= this.chunkSize) {
      for (const conn of subscribers) if (conn !== except) this.deliver(conn, frame);
      return;
    }
    const remaining = subscribers.size;
    this.queue.push({ subscribers: subscribers.values(), frame, except, backlog, remaining });
    this.queuedDeliveries += remaining;
    if (backlog) backlog.queuedDeliveries += remaining;
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
      let steps = 0;
      let isDone = false;
      while (budget > 0) {
        const next = job.subscribers.next();
        if (next.done === true) {
          isDone = true;
          break;
        }
        steps++;
        if (next.value !== job.except) {
          this.deliver(next.value, job.frame);
          budget--;
        }
      }
      // Subscribers may leave or join mid-job, so a finished job releases whatever it still counts.
      this.release(job, isDone ? job.remaining : Math.min(steps, job.remaining));
      if (isDone) this.queue.shift();
    }
    if (this.queue.length > 0 && !this.scheduled) {
      this.scheduled = true;
      this.clock.defer(() => {
        this.scheduled = false;
        this.drain();
      });
    }
  }

  private release(job: Job, count: number): void {
    job.remaining -= count;
    this.queuedDeliveries -= count;
    if (job.backlog) job.backlog.queuedDeliveries -= count;
  }
}
