// The HTTP fallback on three real nodes behind a round-robin proxy (no sticky sessions): each node
// names itself in the session's open frame (`httpFallback.hostname`), pusher-js sends the session's
// later requests there, and events and client events cross nodes over the bus as for WebSocket.
import { randomBytes } from 'node:crypto';
import { createNodeServer, type NodeServer } from '@herald/node';
import { MemoryBusHub } from '@herald/protocol/testing';
import type PusherClient from 'pusher-js';
import type { PresenceChannel } from 'pusher-js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  RoundRobinProxy,
  TEST_CLUSTER_TIMING,
  createPublisher,
  createPusherClient,
  disconnectPusher,
  nextEvent,
  testApp,
  waitFor,
  whenConnected,
  whenSubscribed,
  type ServerAddress,
} from '../src/index';

const APP = testApp();

let proxy: RoundRobinProxy | undefined;
const nodes: { server: NodeServer; address: ServerAddress; socketIds: Set<string> }[] = [];
const clients: PusherClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => disconnectPusher(client)));
  await proxy?.close();
  proxy = undefined;
  await Promise.all(nodes.splice(0).map((node) => node.server.close()));
});

/**
 * A proxy on 127.0.0.1 and three nodes on 127.0.0.2–4, all on the proxy's port: pusher-js keeps
 * the scheme and port when it rebinds, so each node is reachable at its own name on that port,
 * as `node-N.ws.example.com:443` would be behind a real balancer.
 */
async function startCluster(): Promise<ServerAddress> {
  const hub = new MemoryBusHub();
  const prefix = `herald-fallback-${randomBytes(4).toString('hex')}`;
  const targets: ServerAddress[] = [];
  proxy = new RoundRobinProxy(targets);
  const front = await proxy.listen();
  for (const host of ['127.0.0.2', '127.0.0.3', '127.0.0.4']) {
    const server = createNodeServer({
      apps: [APP],
      host,
      port: front.port,
      closeTimeoutMs: 500,
      scaling: hub.connect(),
      cluster: { prefix, ...TEST_CLUSTER_TIMING },
      httpFallback: { hostname: host },
    });
    const socketIds = new Set<string>();
    server.herald.observe({ connectionOpened: (e) => socketIds.add(e.socketId) });
    const address = await server.listen();
    targets.push(address);
    nodes.push({ server, address, socketIds });
  }
  await waitFor(() => nodes.every((node) => node.server.herald.peerCount === 2));
  return front;
}

function track(client: PusherClient): PusherClient {
  clients.push(client);
  return client;
}

function transportOf(pusher: PusherClient): string | undefined {
  const manager = pusher.connection as unknown as {
    connection?: { transport?: { name?: string } };
  };
  return manager.connection?.transport?.name;
}

describe.each(['xhr_streaming', 'xhr_polling'] as const)(
  'HTTP fallback (%s) on three nodes behind a round-robin proxy',
  (transport) => {
    it('connects, subscribes, receives an event published on another node and exchanges client events', async () => {
      const front = await startCluster();
      const http = track(
        createPusherClient({
          server: front,
          app: APP,
          transports: [transport],
          user: { user_id: 'http-user' },
        }),
      );
      const socketId = await whenConnected(http, 10_000);
      expect(transportOf(http)).toBe(transport);
      const home = nodes.findIndex((node) => node.socketIds.has(socketId));
      expect(home).toBeGreaterThanOrEqual(0);

      const httpRoom = http.subscribe('presence-room') as PresenceChannel;
      await whenSubscribed(httpRoom);
      // A WebSocket client on a second node; the event is published on the third.
      const ws = track(
        createPusherClient({
          server: nodes[(home + 1) % 3]!.address,
          app: APP,
          user: { user_id: 'ws-user' },
        }),
      );
      const wsRoom = ws.subscribe('presence-room') as PresenceChannel;
      await whenSubscribed(wsRoom);
      await waitFor(() => wsRoom.members.count === 2);

      const received = nextEvent(httpRoom, 'order-placed');
      await createPublisher(nodes[(home + 2) % 3]!.address, APP).trigger(
        'presence-room',
        'order-placed',
        {
          id: 1,
        },
      );
      expect(await received).toEqual({ id: 1 });

      const atWs = nextEvent(wsRoom, 'client-typing');
      httpRoom.trigger('client-typing', { from: 'http' });
      expect(await atWs).toEqual({ from: 'http' });
      const atHttp = nextEvent(httpRoom, 'client-typing');
      wsRoom.trigger('client-typing', { from: 'ws' });
      expect(await atHttp).toEqual({ from: 'ws' });

      // Only the opening request went through the balancer; the rest went to the session's node.
      const throughProxy = proxy!.forwarded.filter((f) => f.path.startsWith('/pusher/'));
      expect(throughProxy).toHaveLength(1);
      expect(throughProxy[0]!.target).toBe(home);
      expect(nodes.map((node) => node.server.herald.stats().apps[0]?.connections ?? 0)).toEqual(
        [0, 1, 2].map((i) => (i === home || i === (home + 1) % 3 ? 1 : 0)),
      );
    }, 20_000);
  },
);
