// HTTP bridge: translates node:http requests to the core's HttpApi seam and writes its answers back.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import {
  OVERLOAD_RETRY_AFTER_SECONDS,
  type BodyBudget,
  type HttpAdmission,
  type HttpApi,
  type HttpResponse,
} from '@herald/protocol';

/** Path and raw query of a request target, split at the first `?`. */
export interface RequestTarget {
  /** Path without query, e.g. `/apps/1/events`. */
  readonly path: string;
  /** Raw query without `?`; kept undecoded because request signatures cover the raw values. */
  readonly query: string;
}

/** Splits a request target (`req.url`) into path and raw query. */
export function splitTarget(url: string | undefined): RequestTarget {
  const target = url ?? '/';
  const at = target.indexOf('?');
  return at === -1
    ? { path: target, query: '' }
    : { path: target.slice(0, at), query: target.slice(at + 1) };
}

/** Node already lower-cases header names; repeated headers are joined as HTTP says they may be. */
export function headersOf(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Marker returned by {@link readBody} when the body exceeds the cap. */
export const BODY_TOO_LARGE: unique symbol = Symbol('herald.node.body-too-large');
/** Marker returned by {@link readBody} when the client went away before the body ended. */
export const BODY_ABORTED: unique symbol = Symbol('herald.node.body-aborted');

/**
 * Reads the request body as UTF-8, holding at most `maxBytes`. Past the cap it stops buffering
 * and resolves {@link BODY_TOO_LARGE} at once; the rest of the body is discarded as it arrives.
 */
export function readBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<string | typeof BODY_TOO_LARGE | typeof BODY_ABORTED> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.resolve(BODY_TOO_LARGE);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        req.off('data', onData);
        req.off('end', onEnd);
        // Keep draining without holding the bytes so the client can finish writing and read the 413.
        req.resume();
        resolve(BODY_TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks, size).toString('utf8'));
    req.on('data', onData);
    req.on('end', onEnd);
    // A truncated body must never reach the API (it could publish half an event): give up on it.
    const onAbort = (): void => resolve(BODY_ABORTED);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}

/** The 413 answer for a body past the cap, shaped like the core's own errors. */
export function payloadTooLarge(maxBytes: number): HttpResponse {
  return jsonError(413, `Request body exceeds ${maxBytes} bytes`);
}

/** A JSON `{"error": ...}` response, the shape every HTTP API error takes. */
export function jsonError(status: number, message: string): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: message }),
  };
}

/** Writes a core response verbatim. */
export function writeResponse(res: ServerResponse, response: HttpResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': Buffer.byteLength(response.body),
  });
  res.end(response.body);
}

// The seam promises never to reject; if it does anyway, the client still gets an answer.
const INTERNAL_ERROR: HttpResponse = jsonError(500, 'Internal server error');

/**
 * Serves one request through the core's HTTP API: asks the core to admit the request head (route,
 * app, signature, declared length, load) before reading a byte of the body, reserves the body's
 * bytes from `budget`, reads at most the app's cap, then hands the body over. Never rejects.
 */
export async function serveHttp(
  api: HttpApi,
  req: IncomingMessage,
  res: ServerResponse,
  budget: BodyBudget,
): Promise<void> {
  const { path, query } = splitTarget(req.url);
  let admission: HttpAdmission;
  try {
    admission = await api.admit({
      method: req.method ?? 'GET',
      path,
      query,
      headers: headersOf(req.headers),
    });
  } catch {
    admission = { response: INTERNAL_ERROR };
  }
  if ('response' in admission) {
    refuseUnread(req, res, admission.response);
    return;
  }
  const declared = Number(req.headers['content-length']);
  const reserved = Number.isFinite(declared)
    ? Math.min(declared, admission.maxBodyBytes)
    : admission.maxBodyBytes;
  if (!budget.tryReserve(reserved)) {
    const busy = jsonError(
      503,
      `Herald is holding ${budget.inFlightBytes} bytes of request bodies, its limit; retry shortly`,
    );
    refuseUnread(req, res, {
      ...busy,
      headers: { ...busy.headers, 'retry-after': String(OVERLOAD_RETRY_AFTER_SECONDS) },
    });
    return;
  }
  try {
    const body = await readBody(req, admission.maxBodyBytes);
    if (body === BODY_ABORTED) return;
    if (body === BODY_TOO_LARGE) {
      // The unread remainder makes the connection unusable for another request.
      res.setHeader('connection', 'close');
      writeResponse(res, payloadTooLarge(admission.maxBodyBytes));
      return;
    }
    let response: HttpResponse;
    try {
      response = await admission.handle(body);
    } catch {
      response = INTERNAL_ERROR;
    }
    writeResponse(res, response);
  } finally {
    budget.release(reserved);
  }
}

/** Answers without reading the body; a connection with an unread body cannot carry another request. */
function refuseUnread(req: IncomingMessage, res: ServerResponse, response: HttpResponse): void {
  if (hasBody(req)) {
    res.setHeader('connection', 'close');
    // Discarded as it arrives, never held, so the client can finish writing and read the answer.
    req.resume();
  }
  writeResponse(res, response);
}

function hasBody(req: IncomingMessage): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
  );
}
