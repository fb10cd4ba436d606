// MemoryBusHub: an in-process ClusterBus for cluster tests, with outages on demand.
import type { BusStatus, ClusterBus } from '../contracts/cluster-bus';

type Handler = (payload: string) => void;

/** One node's connection to a {@link MemoryBusHub}. */
class MemoryBus implements ClusterBus {
  readonly handlers = new Map<string, Handler[]>();
  private readonly statusListeners: Array<(status: BusStatus) => void> = [];
  isUp = true;
  isClosed = false;

  constructor(private readonly hub: MemoryBusHub) {}

  publish(topic: string, payload: string): Promise<void> {
    if (!this.isUp || this.isClosed) return Promise.reject(new Error('memory bus is down'));
    this.hub.deliver(topic, payload);
    return Promise.resolve();
  }

  subscribe(topic: string, onMessage: Handler): Promise<void> {
    const list = this.handlers.get(topic) ?? [];
    list.push(onMessage);
    this.handlers.set(topic, list);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.isClosed = true;
    this.handlers.clear();
    return Promise.resolve();
  }

  onStatusChange(listener: (status: BusStatus) => void): void {
    this.statusListeners.push(listener);
  }

  setStatus(status: BusStatus): void {
    this.isUp = status === 'up';
    for (const listener of this.statusListeners) listener(status);
  }
}

/**
 * A bus shared by several cores in one process. Delivery is asynchronous (a microtask later) and
 * in order, like a real broker. `disconnect(bus)` simulates an outage of one node's connection.
 */
export class MemoryBusHub {
  private readonly buses: MemoryBus[] = [];
  private queue: Array<() => void> = [];
  private isFlushing = false;

  /** A new node connection. */
  connect(): ClusterBus {
    const bus = new MemoryBus(this);
    this.buses.push(bus);
    return bus;
  }

  /** Cuts one node off: its publishes fail and it receives nothing until `reconnect`. */
  disconnect(bus: ClusterBus): void {
    (bus as MemoryBus).setStatus('down');
  }

  reconnect(bus: ClusterBus): void {
    (bus as MemoryBus).setStatus('up');
  }

  /** @internal */
  deliver(topic: string, payload: string): void {
    for (const bus of this.buses) {
      if (!bus.isUp || bus.isClosed) continue;
      for (const handler of bus.handlers.get(topic) ?? []) {
        this.queue.push(() => {
          if (bus.isUp && !bus.isClosed) handler(payload);
        });
      }
    }
    if (!this.isFlushing) {
      this.isFlushing = true;
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      for (const run of batch) run();
    }
    this.isFlushing = false;
  }
}
