// User authentication (`pusher:signin`): the signature over `socket_id::user::user_data`.
import type { App } from '../apps/app';
import { hmacSha256Hex, safeEqual } from './signature';

/**
 * The string Pusher signs to authenticate a user.
 * @see https://pusher.com/docs/channels/library_auth_reference/auth-signatures/#user-authentication
 */
export function userAuthString(socketId: string, userData: string): string {
  return `${socketId}::user::${userData}`;
}

/** Signs a user the way the `pusher` SDK's `authenticateUser` does: `key:hexsignature`. */
export function signUser(app: App, socketId: string, userData: string): string {
  return `${app.key}:${hmacSha256Hex(app.secret, userAuthString(socketId, userData))}`;
}

/** Why `auth` does not authenticate this user, or `undefined` when it does. */
export function userAuthProblem(
  app: App,
  socketId: string,
  auth: unknown,
  userData: string,
): string | undefined {
  if (typeof auth !== 'string' || auth.length === 0) return 'auth is required';
  const colon = auth.indexOf(':');
  if (colon < 0) return 'auth must be "key:signature"';
  if (!safeEqual(auth.slice(0, colon), app.key)) return 'auth key does not match the app';
  if (
    !safeEqual(auth.slice(colon + 1), hmacSha256Hex(app.secret, userAuthString(socketId, userData)))
  ) {
    return 'invalid signature';
  }
  return undefined;
}
