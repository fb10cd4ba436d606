// Bun side of the HTTP fallback transports: maps Fetch requests onto the adapter kit's HttpFallback.
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
import { readCapped, toResponse } from './bun-http';

/** Creates the fallback transports of `herald`, finding apps for CORS where the core does. */
export function bunHttpFallback(
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
 * Serves one fallback request on Bun. An `xhr_send` body reserves its bytes from `budget`, the
 * same bound the HTTP API's bodies share. Never rejects.
 */
export async function serveFallback(
  fallback: HttpFallback,
  request: Request,
  url: URL,
  remoteAddress: string,
  budget: BodyBudget,
): Promise<Response> {
  const answer = await fallback.handle({
    method: request.method,
    path: url.pathname,
    query: url.search.slice(1),
    headers: Object.fromEntries(request.headers),
    remoteAddress,
  });
  switch (answer.kind) {
    case 'respond':
      return toResponse(answer.response);
    case 'send': {
      const declared = Number(request.headers.get('content-length') ?? NaN);
      const max = answer.maxBodyBytes;
      const reserved = Number.isFinite(declared) ? Math.min(declared, max) : max;
      if (!budget.tryReserve(reserved))
        return toResponse({
          status: 503,
          headers: {
            'content-type': 'application/json',
            'retry-after': String(OVERLOAD_RETRY_AFTER_SECONDS),
          },
          body: JSON.stringify({
            error: 'Herald is holding too many request bodies; retry shortly',
          }),
        });
      try {
        const body = await readCapped(request, max);
        if (body === undefined)
          return toResponse({
            status: 413,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ error: `Request body exceeds ${max} bytes` }),
          });
        return toResponse(answer.handle(body));
      } finally {
        budget.release(reserved);
      }
    }
    case 'receive':
      return receive(answer, request);
  }
}

function receive(answer: Extract<FallbackAnswer, { kind: 'receive' }>, request: Request): Response {
  const encoder = new TextEncoder();
  let detach: (() => void) | undefined;
  let isEnded = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const receiver: FallbackReceiver = {
          write: (text) => {
            if (!isEnded) controller.enqueue(encoder.encode(text));
          },
          end: () => {
            if (isEnded) return;
            isEnded = true;
            controller.close();
            detach?.();
          },
          // Bytes enqueued but not yet pulled by Bun's writer to the network.
          get bufferedAmount() {
            return Math.max(0, -(controller.desiredSize ?? 0));
          },
        };
        detach = answer.attach(receiver);
        if (isEnded) detach();
      },
      cancel() {
        isEnded = true;
        detach?.();
      },
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );
  // The client went away (Bun aborts the request's signal): the session starts its expiry.
  request.signal.addEventListener('abort', () => {
    isEnded = true;
    detach?.();
  });
  return new Response(stream, { status: 200, headers: answer.headers });
}
