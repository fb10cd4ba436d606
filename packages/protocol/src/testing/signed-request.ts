// signedRequest: an HTTP API request signed the way Pusher SDKs sign, for driving a core directly.
import type { App } from '../apps/app';
import { hmacSha256Hex, md5Hex } from '../auth/signature';
import type { HttpRequest } from '../contracts/http-api';
import { parseQuery } from '../http-api/query-string';
import { stringToSign } from '../http-api/request-signature';

/** Builds a signed {@link HttpRequest} for `app` at `nowMs`; `extraQuery` starts with `&`. */
export function signedRequest(
  app: Pick<App, 'key' | 'secret'>,
  method: string,
  path: string,
  body = '',
  nowMs = Date.now(),
  extraQuery = '',
): HttpRequest {
  let query = `auth_key=${app.key}&auth_timestamp=${Math.floor(nowMs / 1000)}&auth_version=1.0${extraQuery}`;
  if (body) query += `&body_md5=${md5Hex(body)}`;
  query += `&auth_signature=${hmacSha256Hex(app.secret, stringToSign(method, path, parseQuery(query)))}`;
  return { method, path, query, headers: {}, body };
}
