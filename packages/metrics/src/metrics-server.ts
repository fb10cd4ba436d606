// A node:http server of its own for the metrics paths: a scrape port apart from the public one.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { HttpRequest, HttpResponse } from '@herald/protocol';
import { METRICS_DEFAULTS, type MetricsListenOptions, type MetricsServer } from './metrics-options';

type Handle = (request: HttpRequest) => Promise<HttpResponse | undefined>;

const NOT_FOUND: HttpResponse = {
  status: 404,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ error: 'Not found: this port serves /metrics and /metrics.json' }),
};

/** Starts a server answering `handle`'s paths and 404 elsewhere; resolves once it listens. */
export async function startMetricsServer(
  handle: Handle,
  options: MetricsListenOptions = {},
): Promise<MetricsServer> {
  const host = options.host ?? METRICS_DEFAULTS.host;
  const port = options.port ?? METRICS_DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(
      `listen({ port }) must be an integer from 0 to 65535 (0 picks a free one), got ${port}`,
    );
  }
  const server = createServer((req, res) => {
    // handle() never rejects; the catch covers a client that went away mid-write.
    handle(toRequest(req))
      .then((response) => write(res, response ?? NOT_FOUND))
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address();
  const boundPort = typeof bound === 'object' && bound !== null ? bound.port : port;

  let closing: Promise<void> | undefined;
  return {
    host,
    port: boundPort,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Scrapers keep connections alive between scrapes; idle ones would hold close() open.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/** Only method and path matter here; the body of a GET is never read. */
function toRequest(req: IncomingMessage): HttpRequest {
  const target = req.url ?? '/';
  const at = target.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: at === -1 ? target : target.slice(0, at),
    query: at === -1 ? '' : target.slice(at + 1),
    headers: {},
    body: '',
  };
}

function write(res: ServerResponse, response: HttpResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}
