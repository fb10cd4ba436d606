// Signed HTTP API requests by hand, so tests can break one part of a signature at a time.
import { createHash, createHmac } from 'node:crypto';

/** What to sign and how to get it wrong. Every field left out is signed correctly. */
export interface SignedRequestOptions {
  method: 'GET' | 'POST';
  /** Path such as `/apps/1/events`. */
  path: string;
  key: string;
  secret: string;
  /** Raw body text; sent as is. */
  body?: string;
  /** Extra query parameters (e.g. `info`), signed with the rest. */
  params?: Record<string, string>;
  /** Seconds since the epoch. @default now */
  timestamp?: number;
  /** Overrides the `body_md5` sent (signed as given). */
  bodyMd5?: string;
}

/** Builds the signed URL path + query the way Pusher's REST auth describes it. */
export function signedPath(options: SignedRequestOptions): string {
  const params: Record<string, string> = {
    auth_key: options.key,
    auth_timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    auth_version: '1.0',
    ...options.params,
  };
  if (options.bodyMd5 !== undefined) params.body_md5 = options.bodyMd5;
  else if (options.body !== undefined && options.body.length > 0) {
    params.body_md5 = createHash('md5').update(options.body).digest('hex');
  }
  const query = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]!}`)
    .join('&');
  const signature = createHmac('sha256', options.secret)
    .update(`${options.method}\n${options.path}\n${query}`)
    .digest('hex');
  return `${options.path}?${query}&auth_signature=${signature}`;
}

/** A response read in full: status and the parsed JSON body. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/** Sends a request signed by {@link signedPath} to `baseUrl` (e.g. `http://127.0.0.1:1234`). */
export async function signedFetch(
  baseUrl: string,
  options: SignedRequestOptions,
): Promise<ApiResponse> {
  const response = await fetch(`${baseUrl}${signedPath(options)}`, {
    method: options.method,
    headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  return readResponse(response);
}

/** Reads a fetch response, parsing JSON when it is JSON. */
export async function readResponse(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}
