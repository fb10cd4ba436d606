// toNodeHandler: runs a fetch-style handler (Request in, Response out) on node:http, e.g. createAuthHandler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BODY_ABORTED, BODY_TOO_LARGE, headersOf, readBody } from './http-bridge';

/** Auth requests are a socket id and a channel name; anything larger is not one. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Adapts a fetch-style handler to node:http, Express or Fastify's raw `(req, res)`, so the ready
 * auth endpoint works on Node too. Bodies over 64 KiB are answered 413.
 *
 * @example
 * ```ts
 * const auth = toNodeHandler(createAuthHandler(server.api, { user, authorize }));
 * app.post('/broadcasting/auth', (req, res) => void auth(req, res)); // Express
 * ```
 */
export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === BODY_ABORTED) return;
    if (body === BODY_TOO_LARGE) {
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ error: `Request body is larger than ${MAX_BODY_BYTES} bytes` }));
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(headersOf(req.headers))) {
      if (value !== undefined) headers.set(name, value);
    }
    const method = req.method ?? 'GET';
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
      method,
      headers,
      ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
    });
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}
