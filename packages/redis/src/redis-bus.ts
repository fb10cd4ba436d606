// RedisBus: the ClusterBus seam on Redis pub/sub, through the user's own ioredis client.
import type { BusStatus, ClusterBus } from '@herald/protocol';
import type { Redis } from 'ioredis';

type Handler = (payload: string) => void;

/** Options of {@link createRedisScaling}. */
export interface RedisScalingOptions {
  /**
   * The ioredis client to publish with. Herald never closes it; it opens one more connection for
   * subscribing with `client.duplicate()`, because a subscribed Redis connection cannot publish.
   */
  client: Redis;
  /**
   * Prepended to every Redis channel (`<prefix>:<topic>`), so apps or environments sharing one Redis
   * do not hear each other.
   * @default 'herald'
   */
  prefix?: string;
}

const DEFAULTS = Object.freeze({ prefix: 'herald' });

/** A {@link ClusterBus} on Redis pub/sub: one publishing client (the user's) and one subscriber. */
export class RedisBus implements ClusterBus {
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Handler[]>();
  private readonly statusListeners: Array<(status: BusStatus) => void> = [];
  private readonly prefix: string;
  private currentStatus: BusStatus;
  private isSubscriberRestored: boolean;
  private isClosed = false;
  private hasBeenUp = false;
  private readonly onClientChange = (): void => this.updateStatus();
  // ioredis prints "[ioredis] Unhandled error event" and a stack to stderr for every failed
  // (re)connect when an 'error' event has no listener. What an operator needs from those errors
  // already travels the structured path: the bus status (the core's busStatus observer event, one
  // log line when the bus goes down and one when it is back) and refused publishes
  // (herald.stats().bus.failed, messageDropped 'bus-unavailable').
  private readonly onError = (): void => this.updateStatus();

  constructor(
    private readonly client: Redis,
    prefix: string,
  ) {
    this.prefix = prefix;
    // One owner for re-subscribing: ioredis would also do it on reconnect, but its 'ready' event fires
    // before those SUBSCRIBEs are answered, so we could not tell when the bus is really back. The
    // offline queue stays on here: only SUBSCRIBE goes through this connection, one per topic.
    this.subscriber = client.duplicate({ autoResubscribe: false, enableOfflineQueue: true });
    this.isSubscriberRestored = this.subscriber.status === 'ready';
    this.currentStatus = this.computeStatus();
    this.hasBeenUp = this.currentStatus === 'up';
    this.subscriber.on('message', (channel: string, message: string) =>
      this.dispatch(channel, message),
    );
    this.subscriber.on('ready', () => void this.restoreSubscriptions());
    for (const event of ['close', 'end', 'reconnecting'] as const) {
      this.subscriber.on(event, () => {
        this.isSubscriberRestored = false;
        this.updateStatus();
      });
    }
    this.subscriber.on('error', this.onError);
    for (const event of ['ready', 'close', 'end', 'reconnecting'] as const) {
      client.on(event, this.onClientChange);
    }
    // The user's client too: an outage must not print a stack per retry from a Herald server.
    client.on('error', this.onError);
  }

  publish(topic: string, payload: string): Promise<void> {
    if (this.isClosed) return Promise.reject(new Error('Redis bus is closed'));
    // The client's offline queue would hold publishes for as long as Redis is away, without bound;
    // the contract wants them refused at once, so the core can count what was lost. During an
    // outage the bus status counts too: whichever connection notices a crash first, publishing
    // stops once 'down' is reported. A new bus may publish while its subscriber still connects.
    if (this.client.status !== 'ready' || (this.hasBeenUp && this.currentStatus === 'down')) {
      return Promise.reject(
        new Error(
          `Redis is unreachable (client: ${this.client.status}, bus: ${this.currentStatus})`,
        ),
      );
    }
    return this.client.publish(this.channel(topic), payload).then(() => undefined);
  }

  async subscribe(topic: string, onMessage: Handler): Promise<void> {
    if (this.isClosed) throw new Error('Redis bus is closed');
    const channel = this.channel(topic);
    const list = this.handlers.get(channel);
    if (list) {
      list.push(onMessage);
      return;
    }
    this.handlers.set(channel, [onMessage]);
    // Waits in the subscriber's offline queue while Redis is away; resolves once Redis confirms.
    await this.subscriber.subscribe(channel);
  }

  /**
   * `up` once both connections are ready and every subscription is confirmed. A new bus starts
   * `down` until its subscriber connection is ready, and reports that first `up` too.
   */
  get status(): BusStatus {
    return this.currentStatus;
  }

  onStatusChange(listener: (status: BusStatus) => void): void {
    this.statusListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.handlers.clear();
    this.statusListeners.length = 0;
    for (const event of ['ready', 'close', 'end', 'reconnecting'] as const) {
      this.client.off(event, this.onClientChange);
    }
    this.client.off('error', this.onError);
    // QUIT needs a live connection; otherwise it would wait in the offline queue for one.
    if (this.subscriber.status === 'ready') {
      await this.subscriber.quit().catch(() => this.subscriber.disconnect());
    } else {
      this.subscriber.disconnect();
    }
  }

  private channel(topic: string): string {
    return `${this.prefix}:${topic}`;
  }

  private dispatch(channel: string, message: string): void {
    if (this.isClosed) return;
    for (const handler of this.handlers.get(channel) ?? []) handler(message);
  }

  private async restoreSubscriptions(): Promise<void> {
    const channels = [...this.handlers.keys()];
    try {
      if (channels.length > 0) await this.subscriber.subscribe(...channels);
    } catch {
      return; // The connection dropped again; the next 'ready' retries.
    }
    this.isSubscriberRestored = this.subscriber.status === 'ready';
    this.updateStatus();
  }

  private computeStatus(): BusStatus {
    return this.client.status === 'ready' && this.isSubscriberRestored ? 'up' : 'down';
  }

  private updateStatus(): void {
    const status = this.computeStatus();
    if (status === this.currentStatus || this.isClosed) return;
    this.currentStatus = status;
    if (status === 'up') this.hasBeenUp = true;
    for (const listener of this.statusListeners) listener(status);
  }
}

/**
 * Scales Herald across nodes through Redis pub/sub, on an ioredis client you create.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createNodeServer } from '@herald/node';
 * import { createRedisScaling } from '@herald/redis';
 *
 * const scaling = createRedisScaling({ client: new Redis(process.env.REDIS_URL!) });
 * const server = createNodeServer({ apps, scaling });
 * ```
 */
export function createRedisScaling(options: RedisScalingOptions): RedisBus {
  if (typeof options?.client?.duplicate !== 'function') {
    throw new TypeError(
      'createRedisScaling needs { client }: an ioredis client, e.g. new Redis(url)',
    );
  }
  return new RedisBus(options.client, options.prefix ?? DEFAULTS.prefix);
}
