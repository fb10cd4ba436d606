// The conformance suite against the in-memory reference bus, so the suite itself is proven first.
import type { ClusterBus } from '@herald/protocol';
import { MemoryBusHub } from '@herald/protocol/testing';
import { describeBusConformance } from './bus-conformance';

describeBusConformance('MemoryBusHub', {
  cluster(defer) {
    // A hub is one broker with one prefix: separate hubs stand for separate prefixes.
    const hub = new MemoryBusHub();
    return {
      connect() {
        const bus = hub.connect();
        defer(() => bus.close());
        return Promise.resolve(bus);
      },
    };
  },
  faultyCluster(defer) {
    const hub = new MemoryBusHub();
    const buses: ClusterBus[] = [];
    return Promise.resolve({
      connect() {
        const bus = hub.connect();
        buses.push(bus);
        defer(() => bus.close());
        return Promise.resolve(bus);
      },
      stopBroker() {
        for (const bus of buses) hub.disconnect(bus);
        return Promise.resolve();
      },
      startBroker() {
        for (const bus of buses) hub.reconnect(bus);
        return Promise.resolve();
      },
    });
  },
});
