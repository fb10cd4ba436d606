// RoundRobinProxy: a load balancer without sticky sessions, in front of several nodes, for tests.
import { createServer, request, type Server } from 'node:http';
import type { ServerAddress } from './publisher';

/**
 * Forwards each HTTP request to the next of `targets` in turn, as a round-robin balancer does:
 * two requests of one client land on different nodes. Responses are streamed through as they come.
 */
export class RoundRobinProxy {
  /** Which target (index) each forwarded request went to, with its path, in arrival order. */
  readonly forwarded: { target: number; path: string }[] = [];
  private next = 0;
  private server: Server | undefined;
  host = '127.0.0.1';
  port = 0;

  constructor(private readonly targets: readonly ServerAddress[]) {}

  /** Listens on `host:port` (port 0: any free one). */
  async listen(host = '127.0.0.1', port = 0): Promise<ServerAddress> {
    const server = createServer((req, res) => {
      const index = this.next;
      this.next = (this.next + 1) % this.targets.length;
      const target = this.targets[index]!;
      this.forwarded.push({ target: index, path: req.url ?? '' });
      const upstream = request(
        {
          host: target.host,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
    this.server = server;
    this.host = host;
    this.port = (server.address() as { port: number }).port;
    return { host: this.host, port: this.port };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
