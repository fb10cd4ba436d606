// Channel authorization: verifying the `auth` a client presents for a private or presence channel.
import type { App } from '../apps/app';
import { hmacSha256Hex, safeEqual } from './signature';

/**
 * The string Pusher signs for a channel: `socket_id:channel`, plus `:channel_data` for presence.
 * @see https://pusher.com/docs/channels/library_auth_reference/auth-signatures/
 */
export function channelAuthString(socketId: string, channel: string, channelData?: string): string {
  return channelData === undefined
    ? `${socketId}:${channel}`
    : `${socketId}:${channel}:${channelData}`;
}

/** Signs a channel subscription the way the `pusher` server SDK does: `key:hexsignature`. */
export function signChannel(
  app: App,
  socketId: string,
  channel: string,
  channelData?: string,
): string {
  return `${app.key}:${hmacSha256Hex(app.secret, channelAuthString(socketId, channel, channelData))}`;
}

/** Why `auth` does not authorize this subscription, or `undefined` when it does. */
export function channelAuthProblem(
  app: App,
  socketId: string,
  channel: string,
  auth: unknown,
  channelData?: string,
): string | undefined {
  if (typeof auth !== 'string' || auth.length === 0) return 'auth is required for this channel';
  const colon = auth.indexOf(':');
  if (colon < 0) return 'auth must be "key:signature"';
  if (!safeEqual(auth.slice(0, colon), app.key)) return 'auth key does not match the app';
  const expected = hmacSha256Hex(app.secret, channelAuthString(socketId, channel, channelData));
  if (!safeEqual(auth.slice(colon + 1), expected)) return 'invalid signature';
  return undefined;
}
