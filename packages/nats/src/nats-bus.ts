// NatsBus: the ClusterBus seam on NATS core pub/sub, through the user's own nats connection.
import type { BusStatus, ClusterBus } from '@herald/protocol';
import type { NatsConnection, Subscription } from 'nats';
import { subjectFor, validatePrefix } from './subjects';

type Handler = (payload: string) => void;

/** Options of {@link createNatsScaling}. */
export interface NatsScalingOptions {
  /** The nats connection to use. Herald never closes it; `close()` only ends its subscriptions. */
  connection: NatsConnection;
  /**
   * First tokens of every subject (`<prefix>.<topic>`), so apps or environments sharing one NATS do
   * not hear each other. May hold dots (`herald.prod`) to fit your subject hierarchy and permissions.
   * @default 'herald'
   */
  prefix?: string;
}

const DEFAULTS = Object.freeze({ prefix: 'herald' });

/** A {@link ClusterBus} on NATS core pub/sub: one NATS subscription per topic. */
export class NatsBus implements ClusterBus {
  private readonly handlers = new Map<string, Handler[]>();
  private readonly subscriptions: Subscription[] = [];
  private readonly statusListeners: Array<(status: BusStatus) => void> = [];
  private readonly statusIterator: AsyncIterable<{ type: string }>;
  private waiters: Array<{ status: BusStatus; wake: (isReached: boolean) => void }> = [];
  private currentStatus: BusStatus;
  private outages = 0;
  private isClosed = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
  ) {
    this.currentStatus = nc.isClosed() ? 'down' : 'up';
    this.statusIterator = nc.status();
    void this.watchStatus();
    // A connection that gave up reconnecting (maxReconnectAttempts) is down for good.
    nc.closed().then(
      () => this.setStatus('down'),
      () => this.setStatus('down'),
    );
  }

  publish(topic: string, payload: string): Promise<void> {
    if (this.isClosed) return Promise.reject(new Error('NATS bus is closed'));
    // While reconnecting, nats.js would buffer publishes until the connection is back; the contract
    // wants them refused at once, so the core can count what was lost.
    if (this.currentStatus === 'down' || this.nc.isClosed() || this.nc.isDraining()) {
      return Promise.reject(new Error('NATS is unreachable (connection down, closed or draining)'));
    }
    try {
      this.nc.publish(subjectFor(this.prefix, topic), payload);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async subscribe(topic: string, onMessage: Handler): Promise<void> {
    if (this.isClosed) throw new Error('NATS bus is closed');
    const subject = subjectFor(this.prefix, topic);
    const list = this.handlers.get(subject);
    if (list) {
      list.push(onMessage);
      return;
    }
    this.handlers.set(subject, [onMessage]);
    const subscription = this.nc.subscribe(subject, {
      // `err` reports e.g. a permissions violation; the connection's status shows it too.
      callback: (err, msg) => {
        if (err || this.isClosed) return;
        for (const handler of this.handlers.get(subject) ?? []) handler(msg.string());
      },
    });
    this.subscriptions.push(subscription);
    // The server answers PING after it has processed our SUB, so the subscription is active. While
    // NATS is away the flush fails, but nats.js keeps the SUB and re-sends it on reconnect, which is
    // when we report 'up'.
    await this.nc.flush().catch(() => this.next('up'));
  }

  /** `up` while connected; `down` while reconnecting or once the connection is closed. */
  get status(): BusStatus {
    return this.currentStatus;
  }

  onStatusChange(listener: (status: BusStatus) => void): void {
    this.statusListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    const subscriptions = this.subscriptions.splice(0);
    if (this.currentStatus === 'up') {
      // Drain hands over what the server already sent us, then unsubscribes; it needs the server,
      // so an outage meanwhile ends the wait instead of holding close() until NATS is back.
      const drained = Promise.allSettled(subscriptions.map((sub) => sub.drain()));
      await Promise.race([drained, this.next('down')]);
    }
    this.isClosed = true;
    for (const waiter of this.waiters.splice(0)) waiter.wake(false);
    this.handlers.clear();
    this.statusListeners.length = 0;
    for (const sub of subscriptions) if (!sub.isClosed()) sub.unsubscribe();
    // The iterator type hides it, but nats.js's status iterator has stop(); without it each closed
    // bus would keep a status listener on the user's connection.
    (this.statusIterator as { stop?: () => void }).stop?.();
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.statusIterator) {
      if (status.type === 'disconnect') {
        this.outages += 1;
        this.setStatus('down');
      }
      if (status.type === 'reconnect') {
        // nats.js re-sends our SUBs before reporting 'reconnect'; the flush proves the server has
        // them. Not awaited, so a 'disconnect' meanwhile is seen at once and voids this 'up'.
        const outage = this.outages;
        this.nc.flush().then(
          () => outage === this.outages && this.setStatus('up'),
          () => undefined, // Lost again before the PONG; the next 'reconnect' retries.
        );
      }
    }
  }

  /** Resolves at the next report of `status`; rejects if the bus closes first. */
  private next(status: BusStatus): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push({
        status,
        wake: (isReached) => (isReached ? resolve() : reject(new Error('NATS bus is closed'))),
      });
    });
  }

  private setStatus(status: BusStatus): void {
    for (const waiter of this.waiters.filter((w) => w.status === status)) waiter.wake(true);
    this.waiters = this.waiters.filter((w) => w.status !== status);
    if (status === this.currentStatus || this.isClosed) return;
    this.currentStatus = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

/**
 * Scales Herald across nodes through NATS core pub/sub, on a nats connection you open.
 *
 * @example
 * ```ts
 * import { connect } from 'nats';
 * import { createNodeServer } from '@herald/node';
 * import { createNatsScaling } from '@herald/nats';
 *
 * const connection = await connect({ servers: process.env.NATS_URL, maxReconnectAttempts: -1 });
 * const server = createNodeServer({ apps, scaling: createNatsScaling({ connection }) });
 * ```
 */
export function createNatsScaling(options: NatsScalingOptions): NatsBus {
  if (typeof options?.connection?.subscribe !== 'function') {
    throw new TypeError(
      "createNatsScaling needs { connection }: a nats connection, e.g. await connect({ servers: url }) from 'nats'",
    );
  }
  // A node knows it is not cut off by hearing its own heartbeats; on a noEcho connection it would
  // never hear them, and would never declare a dead node dead.
  if ((options.connection as { options?: { noEcho?: boolean } }).options?.noEcho === true) {
    throw new TypeError(
      'createNatsScaling needs a connection that hears its own messages: connect without { noEcho: true }',
    );
  }
  const prefix = options.prefix ?? DEFAULTS.prefix;
  validatePrefix(prefix);
  return new NatsBus(options.connection, prefix);
}
