// The in-memory bus as a scaling backend: the contract proven without a broker.
import type { ClusterBus } from '@herald/protocol';
import { MemoryBusHub } from '@herald/protocol/testing';
import type { BusTarget, IsolatedBusBackend } from './bus-target';

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
  isolated: () => Promise.resolve(isolatedHub()),
};

/** A hub of its own whose outage cuts every live node off at once; killed nodes stay cut off. */
function isolatedHub(): IsolatedBusBackend {
  const hub = new MemoryBusHub();
  const live = new Set<ClusterBus>();
  let isDown = false;
  return {
    name: 'memory (own hub)',
    connect() {
      const bus = hub.connect();
      live.add(bus);
      if (isDown) hub.disconnect(bus);
      const cutOff = () => {
        live.delete(bus);
        hub.disconnect(bus);
        return Promise.resolve();
      };
      return Promise.resolve({ bus, kill: cutOff, close: cutOff });
    },
    outage() {
      isDown = true;
      for (const bus of live) hub.disconnect(bus);
      return Promise.resolve();
    },
    recover() {
      isDown = false;
      for (const bus of live) hub.reconnect(bus);
      return Promise.resolve();
    },
    dispose: () => Promise.resolve(),
  };
}
