// Channel kinds and their Pusher name prefixes, in one place.

/** The kinds of channel Echo knows, named as Echo's methods are. */
export type ChannelKind = 'public' | 'private' | 'encrypted' | 'presence';

/** Pusher channel-name prefixes. */
export const ChannelPrefix = Object.freeze({
  private: 'private-',
  encrypted: 'private-encrypted-',
  presence: 'presence-',
  clientEvent: 'client-',
});

/** The full Pusher name of Echo's `name` of kind `kind` (`private` + `orders` → `private-orders`). */
export function fullChannelName(name: string, kind: ChannelKind): string {
  switch (kind) {
    case 'public':
      return name;
    case 'private':
      return ChannelPrefix.private + name;
    case 'encrypted':
      return ChannelPrefix.encrypted + name;
    case 'presence':
      return ChannelPrefix.presence + name;
  }
}
