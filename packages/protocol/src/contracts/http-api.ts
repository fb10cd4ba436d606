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

/** A request before its body is read: everything {@link HttpApi.admit} may check. */
export type HttpRequestHead = Omit<HttpRequest, 'body'>;

/**
 * The answer to a request head: either a response to send now without reading the body (a health
 * check, an unknown app, a bad signature, a declared body over the app's limit, an overloaded node),
 * or the most the adapter may read and how to finish once it has.
 */
export type HttpAdmission =
  | { readonly response: HttpResponse }
  | {
      /** The app's `limits.maxRequestBodyBytes`: stop reading past it and answer 413. */
      readonly maxBodyBytes: number;
      /** Finishes the request with its body (body digest, JSON, rate limit, the route). */
      handle(body: string): Promise<HttpResponse>;
    };

/**
 * Implemented by the core (`createHerald().http`).
 *
 * Contract: neither method rejects; every failure is an HTTP status with a JSON body
 * `{"error": "..."}` naming what is wrong. `handle` resolves as soon as the event is accepted,
 * without waiting for the fan-out to every subscriber.
 *
 * Adapters call `admit` with the request head first and read the body only when admitted, at most
 * `maxBodyBytes` of it (answering 413 themselves past it), so an unsigned or oversized request
 * never costs the node its body. `handle(request)` is `admit` and `handle(body)` in one call, for
 * callers that already hold the body.
 */
export interface HttpApi {
  handle(request: HttpRequest): Promise<HttpResponse>;
  admit(head: HttpRequestHead): Promise<HttpAdmission>;
  /** Largest request body any app accepts, in bytes: a cap for requests no app has claimed yet. */
  readonly maxBodyBytes: number;
}
