// ClusterHarness: several real Herald nodes on one bus backend, with real clients on each.
import { randomBytes } from 'node:crypto';
import { createNodeServer, type NodeServer } from '@herald/node';
import type { AppConfig } from '@herald/protocol';
import type PusherClient from 'pusher-js';
import type Pusher from 'pusher';
import { onTestFinished } from 'vitest';
import { createPublisher } from '../publisher';
import {
  createPusherClient,
  disconnectPusher,
  whenConnected,
  type PresenceUser,
} from '../pusher-client';
import { connectEstablished, type EstablishedClient } from '../raw-client';
import { TEST_APP } from '../test-apps';
import type { BusBackend, BusConnection } from './bus-target';

/** Cluster timing short enough for tests: a dead node is noticed within about a second. */
export const TEST_CLUSTER_TIMING = Object.freeze({
  heartbeatIntervalMs: 200,
  nodeTimeoutMs: 1000,
  gatherTimeoutMs: 1000,
});

/** One running node. */
export interface ClusterMember {
  readonly server: NodeServer;
  readonly connection: BusConnection;
  readonly host: string;
  readonly port: number;
}

/** Starts `count` nodes for the current test; everything is closed when the test finishes. */
export async function startCluster(
  target: BusBackend,
  count: number,
  app: AppConfig = TEST_APP,
): Promise<ClusterHarness> {
  const prefix = `herald-test-${randomBytes(4).toString('hex')}`;
  const harness = new ClusterHarness(app);
  onTestFinished(() => harness.dispose());
  for (let i = 0; i < count; i++) {
    const connection = await target.connect(prefix);
    const server = createNodeServer({
      apps: [app],
      host: '127.0.0.1',
      port: 0,
      closeTimeoutMs: 500,
      scaling: connection.bus,
      cluster: { prefix, ...TEST_CLUSTER_TIMING },
    });
    const { host, port } = await server.listen();
    harness.nodes.push({ server, connection, host, port });
  }
  await harness.untilPeersKnown();
  return harness;
}

/** The nodes and the clients opened on them. */
export class ClusterHarness {
  readonly nodes: ClusterMember[] = [];
  private readonly clients = new Set<PusherClient>();
  private readonly raws = new Set<EstablishedClient>();
  private readonly stopped = new Set<ClusterMember>();

  constructor(readonly app: AppConfig) {}

  /** A connected pusher-js client on node `index`. */
  async pusher(index: number, user?: PresenceUser): Promise<PusherClient> {
    const node = this.nodes[index]!;
    const client = createPusherClient({ server: node, app: this.app, ...(user ? { user } : {}) });
    this.clients.add(client);
    await whenConnected(client);
    return client;
  }

  /** An established raw client on node `index`. */
  async raw(index: number): Promise<EstablishedClient> {
    const node = this.nodes[index]!;
    const client = await connectEstablished(
      `ws://${node.host}:${node.port}/app/${this.app.key}?protocol=7`,
    );
    this.raws.add(client);
    return client;
  }

  /** The `pusher` SDK pointed at node `index`. */
  publisher(index: number): Pusher {
    return createPublisher(this.nodes[index]!, this.app);
  }

  /** Kills node `index` as a crash would: its bus connection is cut and its sockets dropped. */
  async kill(index: number): Promise<void> {
    const node = this.nodes[index]!;
    this.stopped.add(node);
    await node.connection.kill();
    for (const conn of [...this.raws])
      if (conn.client.ws.url.includes(`:${node.port}/`)) conn.client.ws.terminate();
    node.server.server.closeAllConnections();
  }

  /** Resolves once every node has heard every other node's heartbeat. */
  async untilPeersKnown(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const expected = this.nodes.length - 1;
    while (Date.now() < deadline) {
      const peers = this.nodes.map((n) => n.server.herald.peerCount);
      if (peers.every((p) => p >= expected)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`nodes did not discover each other within ${timeoutMs} ms`);
  }

  async dispose(): Promise<void> {
    for (const client of this.clients) await disconnectPusher(client);
    for (const raw of this.raws) await raw.client.close();
    for (const node of this.nodes) {
      if (!this.stopped.has(node)) await node.server.close();
      await node.connection.close();
    }
  }
}
