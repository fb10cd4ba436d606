// Channel prefixes and name rules: the one module that knows how a name maps to a channel type.

/** Channel kinds, decided by the name's prefix. */
export type ChannelType = 'public' | 'private' | 'presence' | 'private-encrypted';

/** Name prefixes with a protocol meaning. */
export const ChannelPrefix = Object.freeze({
  Private: 'private-',
  PrivateEncrypted: 'private-encrypted-',
  Presence: 'presence-',
} as const);

/** Pusher allows channel names of up to 164 characters. */
export const MAX_CHANNEL_NAME_LENGTH = 164;

// Pusher's documented character set for channel names.
const VALID_NAME = /^[A-Za-z0-9_\-=@,.;]+$/;

/** The channel type a name implies. */
export function channelTypeOf(name: string): ChannelType {
  if (name.startsWith(ChannelPrefix.PrivateEncrypted)) return 'private-encrypted';
  if (name.startsWith(ChannelPrefix.Private)) return 'private';
  if (name.startsWith(ChannelPrefix.Presence)) return 'presence';
  return 'public';
}

/** Whether subscribing requires an auth signature. */
export function requiresAuth(type: ChannelType): boolean {
  return type !== 'public';
}

/** Why a name is not a valid channel name, or `undefined` when it is. */
export function channelNameProblem(name: unknown, maxLength = MAX_CHANNEL_NAME_LENGTH): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'channel name must be a non-empty string';
  if (name.length > maxLength) return `channel name is longer than ${maxLength} characters`;
  if (!VALID_NAME.test(name)) return 'channel name may only contain A-Z a-z 0-9 _ - = @ , . ;';
  return undefined;
}
