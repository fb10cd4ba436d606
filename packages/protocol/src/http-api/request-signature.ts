// Verifying Pusher HTTP API request signatures: key, timestamp, body MD5 and HMAC, all checked.
import type { App } from '../apps/app';
import { hmacSha256Hex, md5Hex, safeEqual } from '../auth/signature';

/** How far `auth_timestamp` may be from the server's clock, in seconds (Pusher: 600). */
export const MAX_TIMESTAMP_SKEW_SECONDS = 600;

/**
 * Why the request is not signed by this app, or `undefined` when it is.
 * The string to sign is `METHOD\nPATH\nk1=v1&k2=v2…` over every query parameter except
 * `auth_signature`, keys lower-cased and sorted.
 * @see https://pusher.com/docs/channels/library_auth_reference/rest-api/#authentication
 */
export function requestSignatureProblem(
  app: App,
  method: string,
  path: string,
  params: Map<string, string>,
  body: string,
  nowMs: number,
): string | undefined {
  return querySignatureProblem(app, method, path, params, nowMs) ?? bodyDigestProblem(params, body);
}

/**
 * The part of the check that needs no body: key, timestamp and the HMAC, which covers `body_md5`
 * as a query parameter. Checked before the body is read, so unsigned requests never cost one.
 */
export function querySignatureProblem(
  app: App,
  method: string,
  path: string,
  params: Map<string, string>,
  nowMs: number,
): string | undefined {
  const key = params.get('auth_key');
  const timestamp = params.get('auth_timestamp');
  const signature = params.get('auth_signature');
  if (key === undefined || timestamp === undefined || signature === undefined) {
    return 'Missing auth_key, auth_timestamp or auth_signature';
  }
  if (!safeEqual(key, app.key)) return 'auth_key does not match the app';
  if (
    !/^\d+$/.test(timestamp) ||
    Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_TIMESTAMP_SKEW_SECONDS
  ) {
    return `auth_timestamp is more than ${MAX_TIMESTAMP_SKEW_SECONDS} seconds from the server time`;
  }
  const expected = hmacSha256Hex(app.secret, stringToSign(method, path, params));
  if (!safeEqual(signature, expected)) return 'Invalid auth_signature';
  return undefined;
}

/** Whether the signed `body_md5` matches the body that arrived. */
export function bodyDigestProblem(params: Map<string, string>, body: string): string | undefined {
  const bodyMd5 = params.get('body_md5');
  if (body.length === 0 && bodyMd5 === undefined) return undefined;
  if (bodyMd5 === undefined) return 'body_md5 is required when there is a body';
  if (!safeEqual(bodyMd5, md5Hex(body))) return 'body_md5 does not match the body';
  return undefined;
}

/** The canonical string Pusher signs for an API request. */
export function stringToSign(method: string, path: string, params: Map<string, string>): string {
  const keys: string[] = [];
  const lowered = new Map<string, string>();
  for (const [key, value] of params) {
    if (key === 'auth_signature') continue;
    const lower = key.toLowerCase();
    keys.push(lower);
    lowered.set(lower, value);
  }
  // Sort by key, not by "key=value": a key that prefixes another must come first.
  keys.sort();
  const pairs = keys.map((key) => `${key}=${lowered.get(key)}`);
  return `${method.toUpperCase()}\n${path}\n${pairs.join('&')}`;
}
