// StreamError: the one error type the stream readers and stores report, each with a stable code.

/**
 * Stable codes carried by {@link StreamError}.
 *
 * - `http_status`: the server answered with a non-2xx status; `status` holds it.
 * - `no_body`: the response has no readable body (an old browser or a 204).
 * - `invalid_json`: a JSON or NDJSON payload did not parse.
 * - `connection_lost`: the connection closed before the stream signalled its end.
 * - `network`: fetch itself failed (DNS, refused connection, reset).
 */
export type StreamErrorCode =
  'http_status' | 'no_body' | 'invalid_json' | 'connection_lost' | 'network';

/** An error raised while requesting or reading a stream, with a stable {@link StreamErrorCode}. */
export class StreamError extends Error {
  /** Stable, documented code; switch on this, never on the message. */
  readonly code: StreamErrorCode;
  /** HTTP status for `http_status` errors. */
  readonly status: number | undefined;

  constructor(
    code: StreamErrorCode,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'StreamError';
    this.code = code;
    this.status = options.status;
  }
}

/** Wraps anything thrown into an `Error`, keeping `StreamError`s as they are. */
export function toStreamError(error: unknown): Error {
  if (error instanceof Error) return error;
  return new StreamError('network', String(error), { cause: error });
}

/** fetch itself failed (refused, DNS, reset before a response): `network`, the cause kept. */
export function networkError(error: unknown): StreamError {
  return asStreamError('network', error);
}

/** Reading an answered stream failed before its end: `connection_lost`, the cause kept. */
export function connectionLostError(error: unknown): StreamError {
  return asStreamError('connection_lost', error);
}

function asStreamError(code: StreamErrorCode, error: unknown): StreamError {
  if (error instanceof StreamError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StreamError(code, message, { cause: error });
}

/** Builds the error for a non-2xx response, with the body text (trimmed) as the message. */
export async function httpStatusError(response: Response): Promise<StreamError> {
  const text = await response.text().catch(() => '');
  const message = text.trim() || `Stream request failed with HTTP ${response.status}`;
  return new StreamError('http_status', message, { status: response.status });
}
