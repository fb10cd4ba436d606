// A round-robin TCP proxy: each new connection goes to the next node that accepts it. It knows
// nothing about HTTP or WebSocket, so an upgrade simply stays on the node it reached.
import { connect, createServer, type Server, type Socket } from 'node:net';

/** Where a node listens. */
export interface Target {
  readonly host: string;
  readonly port: number;
}

/** A running proxy. */
export interface RoundRobinProxy {
  readonly port: number;
  /** The target index of each WebSocket upgrade (`GET /app/...`) passed through, in order. */
  readonly webSockets: readonly number[];
  close(): Promise<void>;
}

/**
 * Listens on `host:port` and forwards each connection to the next of `targets`. A target that
 * refuses the connection (a dead node) is skipped for the next one, so clients only notice a
 * node's death through the connections it held.
 */
export async function startRoundRobinProxy(
  targets: readonly Target[],
  { host = '127.0.0.1', port = 0 }: { host?: string; port?: number } = {},
): Promise<RoundRobinProxy> {
  let next = 0;
  const webSockets: number[] = [];
  const open = new Set<Socket>();

  function forward(client: Socket, tries: number): void {
    const index = next;
    next = (next + 1) % targets.length;
    const target = targets[index]!;
    const upstream = connect(target.port, target.host);
    open.add(upstream);
    upstream.once('close', () => open.delete(upstream));
    const refused = (): void => {
      if (tries > 1) forward(client, tries - 1);
      else client.destroy();
    };
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      upstream.on('error', () => upstream.destroy());
      // A node that dies closes its side; the client then sees its connection end, as it would
      // without the proxy, and reconnects through it to a node that is alive.
      upstream.once('close', () => client.destroy());
      client.once('close', () => upstream.destroy());
      client.once('data', (chunk: Buffer) => {
        if (chunk.toString('latin1', 0, 9) === 'GET /app/') webSockets.push(index);
      });
      client.pipe(upstream).pipe(client);
      client.resume();
    });
  }

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    forward(client, targets.length);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    webSockets,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of open) socket.destroy();
      await closed;
    },
  };
}
