// Node side of the HTTP fallback transports: maps node:http requests onto the adapter kit's HttpFallback.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createHttpFallback,
  OVERLOAD_RETRY_AFTER_SECONDS,
  StaticAppProvider,
  type BodyBudget,
  systemClock,
  type FallbackAnswer,
  type FallbackReceiver,
  type Herald,
  type HeraldOptions,
  type HttpFallback,
  type HttpFallbackOptions,
} from '@herald/protocol';
import {
  BODY_ABORTED,
  BODY_TOO_LARGE,
  headersOf,
  jsonError,
  payloadTooLarge,
  readBody,
  splitTarget,
  writeResponse,
} from '../http-bridge';

/** Creates the fallback transports of `herald`, finding apps for CORS where the core does. */
export function nodeHttpFallback(
  herald: Herald,
  options: HeraldOptions,
  settings: HttpFallbackOptions | undefined,
): HttpFallback {
  const apps = 'findByKey' in options.apps ? options.apps : new StaticAppProvider(options.apps);
  return createHttpFallback({
    connections: herald.connections,
    apps,
    clock: options.clock ?? systemClock,
    settings,
  });
}

/**
 * Serves one fallback request on Node. An `xhr_send` body reserves its bytes from `budget`, the
 * same bound the HTTP API's bodies share. Never rejects.
 */
export async function serveFallback(
  fallback: HttpFallback,
  req: IncomingMessage,
  res: ServerResponse,
  budget: BodyBudget,
): Promise<void> {
  const { path, query } = splitTarget(req.url);
  const answer = await fallback.handle({
    method: req.method ?? 'GET',
    path,
    query,
    headers: headersOf(req.headers),
    remoteAddress: req.socket.remoteAddress ?? '',
  });
  switch (answer.kind) {
    case 'respond':
      if (req.method === 'POST') res.setHeader('connection', 'close');
      req.resume();
      writeResponse(res, answer.response);
      return;
    case 'send':
      await send(answer, req, res, budget);
      return;
    case 'receive':
      receive(answer, req, res);
      return;
  }
}

async function send(
  answer: Extract<FallbackAnswer, { kind: 'send' }>,
  req: IncomingMessage,
  res: ServerResponse,
  budget: BodyBudget,
): Promise<void> {
  const declared = Number(req.headers['content-length']);
  const reserved = Number.isFinite(declared)
    ? Math.min(declared, answer.maxBodyBytes)
    : answer.maxBodyBytes;
  if (!budget.tryReserve(reserved)) {
    res.setHeader('connection', 'close');
    req.resume();
    const busy = jsonError(503, 'Herald is holding too many request bodies; retry shortly');
    writeResponse(res, {
      ...busy,
      headers: { ...busy.headers, 'retry-after': String(OVERLOAD_RETRY_AFTER_SECONDS) },
    });
    return;
  }
  try {
    const body = await readBody(req, answer.maxBodyBytes);
    if (body === BODY_ABORTED) return;
    if (body === BODY_TOO_LARGE) {
      res.setHeader('connection', 'close');
      writeResponse(res, payloadTooLarge(answer.maxBodyBytes));
      return;
    }
    writeResponse(res, answer.handle(body));
  } finally {
    budget.release(reserved);
  }
}

function receive(
  answer: Extract<FallbackAnswer, { kind: 'receive' }>,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  // pusher-js sends no body on a receive request; whatever comes is discarded, never held.
  req.resume();
  // The client may have gone while the app was being looked up: open nothing for it.
  if (res.destroyed || req.socket.destroyed) return;
  res.writeHead(200, answer.headers);
  // Frames must reach the client as they are written, not when Nagle's timer fires.
  res.socket?.setNoDelay(true);
  const receiver: FallbackReceiver = {
    write: (text) => {
      if (!res.writableEnded && !res.destroyed) res.write(text);
    },
    end: () => {
      if (!res.writableEnded) res.end();
    },
    get bufferedAmount() {
      return res.writableLength;
    },
  };
  const detach = answer.attach(receiver);
  res.once('close', detach);
}
