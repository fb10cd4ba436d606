// The two metrics paths as HttpRequest → HttpResponse, for any adapter to mount in front of Herald's API.
import type { HttpRequest, HttpResponse } from '@herald/protocol';
import type { Registry, RegistryContentType } from 'prom-client';

/** Paths answered by `HeraldMetrics.handle()` and the `listen()` server. */
export const MetricsPath = Object.freeze({
  /** Prometheus text exposition (or OpenMetrics, per the registry's content type). */
  Text: '/metrics',
  /** The same samples as JSON (`registry.getMetricsAsJSON()`), for a quick look with curl or jq. */
  Json: '/metrics.json',
});

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Answers `GET`/`HEAD` on {@link MetricsPath}; resolves `undefined` for every other path so the
 * caller falls through to the Pusher API. Never rejects: a failing collect becomes a 500.
 */
export async function serveMetrics(
  registry: Registry<RegistryContentType>,
  request: HttpRequest,
): Promise<HttpResponse | undefined> {
  const isJson = request.path === MetricsPath.Json;
  if (!isJson && request.path !== MetricsPath.Text) return undefined;
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    return errorResponse(405, `Method ${method} not allowed on ${request.path}: use GET`, {
      allow: 'GET, HEAD',
    });
  }
  try {
    const body = isJson
      ? JSON.stringify(await registry.getMetricsAsJSON())
      : await registry.metrics();
    return {
      status: 200,
      // Scrapes must see the live values, never a cached copy from a proxy.
      headers: {
        'content-type': isJson ? JSON_TYPE : registry.contentType,
        'cache-control': 'no-store',
      },
      body: method === 'HEAD' ? '' : body,
    };
  } catch (error) {
    return errorResponse(
      500,
      `Collecting metrics failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** A JSON `{"error": ...}` answer, the shape Herald's HTTP API uses for errors. */
function errorResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    status,
    headers: { 'content-type': JSON_TYPE, ...headers },
    body: JSON.stringify({ error: message }),
  };
}
