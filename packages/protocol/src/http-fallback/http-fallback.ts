// HttpFallback: the runtime-neutral half of pusher-js's xhr_streaming / xhr_polling transports (adapter kit).
import type { App } from '../apps/app';
import { isOriginAllowed } from '../apps/origin-policy';
import type { AppProvider } from '../contracts/app-provider';
import type { Clock } from '../contracts/clock';
import type { ConnectionHandler } from '../contracts/connection-handler';
import type { HttpRequestHead, HttpResponse } from '../contracts/http-api';
import { openFrame } from './fallback-frames';
import { FallbackSession, type FallbackReceiver, type ReceiveMode } from './fallback-session';
import { HTTP_FALLBACK_DEFAULTS, type HttpFallbackOptions } from './http-fallback-options';

/**
 * What an adapter does with one request under the fallback path:
 * - `respond`: write `response` as is (preflight, errors).
 * - `send`: read the body (at most `maxBodyBytes`, else answer 413), then write `handle(body)`.
 * - `receive`: write the status line and `headers`, keep the response open and call `attach` with a
 *   {@link FallbackReceiver} over it; call the returned `detach` when the response ends or the
 *   client goes away.
 */
export type FallbackAnswer =
  | { readonly kind: 'respond'; readonly response: HttpResponse }
  | {
      readonly kind: 'send';
      readonly maxBodyBytes: number;
      handle(body: string): HttpResponse;
    }
  | {
      readonly kind: 'receive';
      readonly headers: Readonly<Record<string, string>>;
      attach(receiver: FallbackReceiver): () => void;
    };

/** A fallback request: the head of an HTTP request plus the client's address. */
export interface FallbackRequest extends HttpRequestHead {
  readonly remoteAddress: string;
}

/** The fallback transports of one server. Create it with {@link createHttpFallback}. */
export interface HttpFallback {
  /** Whether `path` is under the fallback path (the adapter then hands the request to `handle`). */
  matches(path: string): boolean;
  /** Routes one request. Never rejects. */
  handle(request: FallbackRequest): Promise<FallbackAnswer>;
  /** Open sessions on this node (closed ones still owed a close frame included). */
  readonly sessionCount: number;
}

// {path}/app/{key}/{server}/{session}/{transport}: the session id is SockJS's server + session.
const ROUTE = /^\/app\/([^/]+)\/([^/]{1,16})\/([^/]{1,64})\/(xhr_streaming|xhr_send|xhr)$/;

const RECEIVE_HEADERS = Object.freeze({
  'content-type': 'application/javascript; charset=UTF-8',
  'cache-control': 'no-store, no-cache, must-revalidate, max-age=0',
  // Reverse proxies (nginx) would otherwise hold streamed frames until their buffer fills.
  'x-accel-buffering': 'no',
});

/**
 * Serves pusher-js's HTTP fallback transports on top of the core's {@link ConnectionHandler}:
 * every session is one more Socket, so channels, presence, limits, origins and activity timeouts
 * behave as over WebSocket. Adapters translate native requests and responses only.
 *
 * @see docs/protocol.md, "HTTP fallback transports"
 * @example
 * ```ts
 * const fallback = createHttpFallback({ connections: herald.connections, apps, clock: systemClock });
 * if (fallback.matches(path)) serve(await fallback.handle(request));
 * ```
 */
export function createHttpFallback(options: {
  connections: ConnectionHandler;
  apps: AppProvider;
  clock: Clock;
  settings?: HttpFallbackOptions;
}): HttpFallback {
  const { connections, apps, clock } = options;
  const settings = { ...HTTP_FALLBACK_DEFAULTS, ...options.settings };
  const prefix = settings.path.replace(/\/+$/, '');
  const { hostname } = settings;
  // pusher-js swaps only the host part of its URL (`https://{host}:port/...`) for this name.
  if (hostname !== undefined && !/^[A-Za-z0-9.-]+$/.test(hostname))
    throw new TypeError(
      `httpFallback.hostname must be a bare host name like 'node-1.ws.example.com' (no scheme, port or path), got '${hostname}'`,
    );
  const open = openFrame(hostname);
  const sessions = new Map<string, FallbackSession>();

  function openSession(
    id: string,
    key: string,
    request: FallbackRequest,
    mode: ReceiveMode,
  ): FallbackSession {
    const transport = mode === 'polling' ? 'xhr_polling' : 'xhr_streaming';
    const session = new FallbackSession(
      request.remoteAddress,
      transport,
      connections,
      clock,
      settings,
      () => {
        if (sessions.get(id) === session) sessions.delete(id);
      },
    );
    sessions.set(id, session);
    const conn = connections.open(session, {
      path: `/app/${key}`,
      query: request.query,
      headers: request.headers,
      remoteAddress: request.remoteAddress,
    });
    session.bind(conn);
    return session;
  }

  async function route(request: FallbackRequest): Promise<FallbackAnswer> {
    const match = ROUTE.exec(request.path.slice(prefix.length));
    if (match === null)
      return respond(404, 'Not found: expected {path}/app/{key}/{server}/{session}/xhr…');
    const [, rawKey, server, sessionId, transport] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    const key = safeDecode(rawKey);
    const app = await apps.findByKey(key);
    const cors = corsHeaders(app, request.headers.origin);
    if (cors === undefined) return respond(403, 'Origin not allowed');
    if (request.method === 'OPTIONS') return preflight(cors, request.headers);
    if (request.method !== 'POST')
      return respond(405, 'Use POST', { ...cors, allow: 'POST, OPTIONS' });
    const id = `${key}/${server}/${sessionId}`;
    const existing = sessions.get(id);
    if (transport === 'xhr_send') {
      if (existing === undefined || existing.isClosed)
        return respond(404, 'Session not found', cors);
      return {
        kind: 'send',
        maxBodyBytes: settings.maxSendBodyBytes,
        handle: (body) => sendTo(existing, body, cors),
      };
    }
    const mode: ReceiveMode = transport === 'xhr' ? 'polling' : 'streaming';
    return {
      kind: 'receive',
      headers: { ...RECEIVE_HEADERS, ...cors },
      attach: (receiver) => {
        // Looked up again: the session may have come or gone while the app was being found.
        const current = sessions.get(id);
        if (current !== undefined) return current.attach(receiver, mode);
        return openSession(id, key, request, mode).attach(receiver, mode, open);
      },
    };
  }

  return {
    matches: (path) => path.startsWith(`${prefix}/app/`),
    handle: (request) => route(request).catch(() => respond(500, 'Internal server error')),
    get sessionCount() {
      return sessions.size;
    },
  };
}

/** Parses an `xhr_send` body: a JSON array of strings, each one Pusher message as JSON text. */
function sendTo(
  session: FallbackSession,
  body: string,
  cors: Readonly<Record<string, string>>,
): HttpResponse {
  let messages: unknown;
  try {
    messages = JSON.parse(body);
  } catch {
    return respond(400, 'Body must be a JSON array of strings', cors).response;
  }
  if (!Array.isArray(messages) || !messages.every((m): m is string => typeof m === 'string'))
    return respond(400, 'Body must be a JSON array of strings', cors).response;
  if (session.isClosed) return respond(404, 'Session not found', cors).response;
  session.receive(messages);
  return { status: 204, headers: { ...cors }, body: '' };
}

/**
 * CORS headers for a request from `origin`, or `undefined` when the app refuses that origin. An
 * unknown app gets them too, so the client can read the 4001 the core answers it with.
 */
function corsHeaders(
  app: App | undefined,
  origin: string | undefined,
): Readonly<Record<string, string>> | undefined {
  if (origin === undefined || origin === '') return {};
  if (app !== undefined && !isOriginAllowed(app, origin)) return undefined;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  };
}

function preflight(
  cors: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string | undefined>>,
): FallbackAnswer {
  return {
    kind: 'respond',
    response: {
      status: 204,
      headers: {
        ...cors,
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': headers['access-control-request-headers'] ?? 'content-type',
        'access-control-max-age': '86400',
      },
      body: '',
    },
  };
}

function respond(
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): { readonly kind: 'respond'; readonly response: HttpResponse } {
  return {
    kind: 'respond',
    response: {
      status,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ error: message }),
    },
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
