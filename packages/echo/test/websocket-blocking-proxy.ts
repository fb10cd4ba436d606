// A proxy in front of a Herald server that forwards plain HTTP and refuses every WebSocket upgrade,
// as the corporate proxies that make pusher-js fall back to its HTTP transports do.
import { createServer, request, type Server } from 'node:http';

export class WebSocketBlockingProxy {
  /** Every forwarded request's path, in arrival order. */
  readonly paths: string[] = [];
  upgradesRefused = 0;
  port = 0;
  private server: Server | undefined;

  constructor(private readonly targetPort: () => number) {}

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.paths.push(req.url ?? '');
      const upstream = request(
        {
          host: '127.0.0.1',
          port: this.targetPort(),
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
      // pusher-js aborts a receive request it gave up on; the upstream one must end with it.
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
    });
    server.on('upgrade', (_req, socket) => {
      this.upgradesRefused += 1;
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Paths of the HTTP fallback requests seen (`/pusher/app/...`). */
  fallbackPaths(): string[] {
    return this.paths.filter((path) => path.startsWith('/pusher/'));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      server === undefined ? resolve() : server.close(() => resolve()),
    );
  }
}
