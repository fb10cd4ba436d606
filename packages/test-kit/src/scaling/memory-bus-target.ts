// The in-memory bus as a scaling backend: the contract proven without a broker.
import { MemoryBusHub } from '@herald/protocol/testing';
import type { BusTarget } from './bus-target';

const hubs = new Map<string, MemoryBusHub>();

/** Nodes of one test (one prefix) share a hub; `kill` cuts a node off it. */
export const memoryBusTarget: BusTarget = {
  name: 'memory',
  connect(prefix) {
    let hub = hubs.get(prefix);
    if (!hub) hubs.set(prefix, (hub = new MemoryBusHub()));
    const bus = hub.connect();
    const owner = hub;
    return Promise.resolve({
      bus,
      kill: () => Promise.resolve(owner.disconnect(bus)),
      close: () => {
        hubs.delete(prefix);
        return Promise.resolve();
      },
    });
  },
};
