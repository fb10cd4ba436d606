// JSON responses of the HTTP API.
import type { HttpResponse } from '../contracts/http-api';

const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json' });

/** A JSON response. */
export function json(status: number, body: unknown): HttpResponse {
  return { status, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

/** An error response whose body says what is wrong: `{"error": "..."}`. */
export function httpError(status: number, message: string): HttpResponse {
  return json(status, { error: message });
}

/**
 * Thrown inside route handlers to answer with an error status; caught by the router. The same
 * class the in-process server API throws, so both refuse alike.
 */
export { HeraldApiError as HttpError } from '../server-api/herald-api-error';
