// Recovery settings of an app: which channels are resumable and how much history each keeps (issue 15).

/** Resumable channels of an app; see docs/protocol.md, "Resumable channels". */
export interface RecoveryConfig {
  /** Channel name prefixes that are resumable (`private-orders.` covers `private-orders.42`). */
  readonly channels: readonly string[];
  /**
   * Newest events kept per channel.
   * @default 100
   */
  readonly maxEvents: number;
  /**
   * Seconds an event stays replayable.
   * @default 120
   */
  readonly maxAgeSeconds: number;
  /**
   * UTF-8 bytes of history the app may hold, all channels together; the oldest go first.
   * @default 8388608
   */
  readonly maxBytes: number;
  /**
   * Whether client events (`client-*`) on these channels get serials and are kept too.
   * @default false
   */
  readonly clientEvents: boolean;
}

/** Recovery as written in config; everything but `channels` is optional. */
export interface RecoveryConfigInput {
  channels: readonly string[];
  maxEvents?: number;
  maxAgeSeconds?: number;
  maxBytes?: number;
  clientEvents?: boolean;
}

/** Defaults of {@link RecoveryConfig}'s optional fields. */
export const RECOVERY_DEFAULTS = Object.freeze({
  maxEvents: 100,
  maxAgeSeconds: 120,
  maxBytes: 8 * 1024 * 1024,
  clientEvents: false,
});

/**
 * Validates and freezes an app's recovery settings; `undefined` (the default) means no channel
 * of the app is resumable.
 * @throws TypeError naming the app and the field at fault.
 */
export function defineRecovery(appId: string, input: unknown): RecoveryConfig | undefined {
  if (input === undefined || input === null) return undefined;
  const where = `app "${appId}" recovery`;
  if (typeof input !== 'object' || Array.isArray(input))
    throw new TypeError(`${where} must be an object with a channels list`);
  const raw = input as Partial<RecoveryConfigInput>;
  const channels: unknown = raw.channels;
  if (
    !Array.isArray(channels) ||
    channels.length === 0 ||
    !channels.every((c): c is string => typeof c === 'string' && c.length > 0)
  ) {
    throw new TypeError(
      `${where}.channels must be a non-empty list of channel name prefixes, e.g. ["private-orders."]`,
    );
  }
  const positive = (field: 'maxEvents' | 'maxAgeSeconds' | 'maxBytes'): number => {
    const value = raw[field] ?? RECOVERY_DEFAULTS[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
      throw new TypeError(`${where}.${field} must be a positive number`);
    return value;
  };
  const clientEvents = raw.clientEvents ?? RECOVERY_DEFAULTS.clientEvents;
  if (typeof clientEvents !== 'boolean')
    throw new TypeError(`${where}.clientEvents must be true or false`);
  return Object.freeze({
    channels: Object.freeze([...channels]),
    maxEvents: Math.floor(positive('maxEvents')),
    maxAgeSeconds: positive('maxAgeSeconds'),
    maxBytes: positive('maxBytes'),
    clientEvents,
  });
}

/** Whether `channel` is resumable under `recovery`: one prefix test per configured prefix. */
export function isRecoverable(recovery: RecoveryConfig, channel: string): boolean {
  for (const prefix of recovery.channels) if (channel.startsWith(prefix)) return true;
  return false;
}
