// Test support: a raw ws client that queues what it receives, and a Herald started on port 0.
import type { AppConfig } from '@herald/protocol';
import { createNodeServer, type NodeServer, type NodeServerOptions } from '../src/index';
import { RawClient } from './raw-client';

export { RawClient, type ClientClose, type PusherMessage } from './raw-client';

/** The app every real-server test uses. */
export const TEST_APP: AppConfig = Object.freeze({
  id: '4242',
  key: 'test-key',
  secret: 'test-secret',
});

/** Matches a Pusher socket id such as `123.456`. */
export const SOCKET_ID = /^\d+\.\d+$/;

/** A started server with its URLs; `stop()` closes it and every client opened through it. */
export interface StartedServer {
  node: NodeServer;
  port: number;
  httpUrl: string;
  wsUrl(key?: string, query?: string): string;
  client(key?: string): Promise<RawClient>;
  stop(): Promise<void>;
}

/** Starts Herald on 127.0.0.1, port 0, serving {@link TEST_APP} unless `apps` is given. */
export async function startServer(
  options: Partial<NodeServerOptions> = {},
): Promise<StartedServer> {
  const node = createNodeServer({ apps: [TEST_APP], host: '127.0.0.1', port: 0, ...options });
  const { port } = await node.listen();
  const clients: RawClient[] = [];
  const wsUrl = (key = TEST_APP.key, query = 'protocol=7&client=js&version=8.4.0'): string =>
    `ws://127.0.0.1:${port}/app/${key}?${query}`;
  return {
    node,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl,
    async client(key) {
      const client = await RawClient.connect(wsUrl(key));
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((client) => client.close()));
      await node.close();
    },
  };
}
