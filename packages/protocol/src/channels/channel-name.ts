// Channel prefixes and name rules: the one module that knows how a name maps to a channel type.

/** Channel kinds, decided by the name's prefix. */
export type ChannelType =
  'public' | 'private' | 'presence' | 'private-encrypted' | 'server-to-user';

/** Name prefixes with a protocol meaning. */
export const ChannelPrefix = Object.freeze({
  Private: 'private-',
  PrivateEncrypted: 'private-encrypted-',
  Presence: 'presence-',
  /** Public cache channel; the cache variants of the others are `private-cache-` and so on. */
  Cache: 'cache-',
  PrivateCache: 'private-cache-',
  PrivateEncryptedCache: 'private-encrypted-cache-',
  PresenceCache: 'presence-cache-',
  /** The channel of one signed-in user, for the `pusher` SDK's `sendToUser`. */
  ServerToUser: '#server-to-user-',
} as const);

const CACHE_PREFIXES = [
  ChannelPrefix.Cache,
  ChannelPrefix.PrivateCache,
  ChannelPrefix.PrivateEncryptedCache,
  ChannelPrefix.PresenceCache,
];

/** Pusher allows channel names of up to 164 characters. */
export const MAX_CHANNEL_NAME_LENGTH = 164;

// Pusher's documented character set for channel names.
const VALID_NAME = /^[A-Za-z0-9_\-=@,.;]+$/;

/** The channel type a name implies. */
export function channelTypeOf(name: string): ChannelType {
  if (name.startsWith(ChannelPrefix.ServerToUser)) return 'server-to-user';
  if (name.startsWith(ChannelPrefix.PrivateEncrypted)) return 'private-encrypted';
  if (name.startsWith(ChannelPrefix.Private)) return 'private';
  if (name.startsWith(ChannelPrefix.Presence)) return 'presence';
  return 'public';
}

/** Whether subscribing requires a channel auth signature (server-to-user needs a sign-in instead). */
export function requiresAuth(type: ChannelType): boolean {
  return type === 'private' || type === 'presence' || type === 'private-encrypted';
}

/** Whether the channel remembers its last API event for new subscribers. */
export function isCacheChannel(name: string): boolean {
  return CACHE_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** The user id a `#server-to-user-{id}` channel belongs to. */
export function serverToUserId(name: string): string {
  return name.slice(ChannelPrefix.ServerToUser.length);
}

/** Why a name is not a valid channel name, or `undefined` when it is. */
export function channelNameProblem(
  name: unknown,
  maxLength = MAX_CHANNEL_NAME_LENGTH,
): string | undefined {
  if (typeof name !== 'string' || name.length === 0)
    return 'channel name must be a non-empty string';
  if (name.length > maxLength) return `channel name is longer than ${maxLength} characters`;
  // `#` only opens the reserved server-to-user prefix; the rest follows the usual rules.
  const rest = name.startsWith(ChannelPrefix.ServerToUser) ? serverToUserId(name) : name;
  if (!VALID_NAME.test(rest)) return 'channel name may only contain A-Z a-z 0-9 _ - = @ , . ;';
  return undefined;
}
