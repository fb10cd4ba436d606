// HttpApi seam (adapter → core): the Pusher HTTP API as plain request/response values.

/** An HTTP request translated by the adapter. The body is the raw text, read in full. */
export interface HttpRequest {
  readonly method: string;
  /** Path without query, e.g. `/apps/123/events`. */
  readonly path: string;
  /** The raw query string without `?` (signatures are checked against the raw values). */
  readonly query: string;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

/** The response the adapter writes back verbatim. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Implemented by the core (`createHerald().http`).
 *
 * Contract: `handle` never rejects; every failure is an HTTP status with a JSON body
 * `{"error": "..."}` naming what is wrong. It resolves as soon as the event is accepted, without
 * waiting for the fan-out to every subscriber. Adapters should stop reading a body past
 * `maxBodyBytes` and answer 413 themselves (see `tooLarge()` in the core).
 */
export interface HttpApi {
  handle(request: HttpRequest): Promise<HttpResponse>;
  /** Largest request body the API accepts, in bytes; adapters enforce it while reading. */
  readonly maxBodyBytes: number;
}
