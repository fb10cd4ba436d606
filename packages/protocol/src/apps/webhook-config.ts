// Webhook settings of an app: where its webhooks go and which ones. Sending them is @herald/webhooks' job.

/** The webhook event names of the Pusher protocol. */
export const WEBHOOK_EVENT_TYPES = [
  'channel_occupied',
  'channel_vacated',
  'member_added',
  'member_removed',
  'client_event',
  'cache_miss',
  'subscription_count',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** One webhook endpoint of an app. */
export interface WebhookConfig {
  /** The `http:` or `https:` URL that receives the POSTs. */
  readonly url: string;
  /** Event types sent to this URL. @default every type */
  readonly eventTypes: readonly WebhookEventType[];
  /** Extra request headers (an auth token for the receiver, say). @default {} */
  readonly headers: Readonly<Record<string, string>>;
  /** Only channels whose names match; both parts optional. */
  readonly filter: {
    readonly channelNameStartsWith?: string;
    readonly channelNameEndsWith?: string;
  };
}

/** A webhook as written in config; everything but `url` is optional. */
export interface WebhookConfigInput {
  url: string;
  eventTypes?: readonly WebhookEventType[];
  headers?: Record<string, string>;
  filter?: { channelNameStartsWith?: string; channelNameEndsWith?: string };
}

/**
 * Validates and freezes an app's webhook list.
 * @throws TypeError naming the app and the field at fault.
 */
export function defineWebhooks(appId: string, input: unknown): readonly WebhookConfig[] {
  if (input === undefined) return Object.freeze([]);
  if (!Array.isArray(input)) throw new TypeError(`app "${appId}" webhooks must be a list`);
  return Object.freeze(
    input.map((item: unknown, i) => defineWebhook(`app "${appId}" webhooks[${i}]`, item)),
  );
}

function defineWebhook(where: string, item: unknown): WebhookConfig {
  if (typeof item !== 'object' || item === null)
    throw new TypeError(`${where} must be an object with a url`);
  const { url, eventTypes, headers, filter } = item as Partial<WebhookConfigInput>;
  if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url))
    throw new TypeError(`${where}.url must be an http(s) URL`);
  const types: unknown = eventTypes ?? WEBHOOK_EVENT_TYPES;
  if (!Array.isArray(types)) throw new TypeError(`${where}.eventTypes must be a list`);
  const unknownType: unknown = (types as unknown[]).find(
    (t) => !(WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(t),
  );
  if (unknownType !== undefined) {
    throw new TypeError(
      `${where}.eventTypes: unknown type ${JSON.stringify(unknownType)}; known: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
    );
  }
  const headerEntries = Object.entries(headers ?? {});
  if (
    typeof headers !== 'undefined' &&
    (typeof headers !== 'object' ||
      headers === null ||
      headerEntries.some(([, v]) => typeof v !== 'string'))
  ) {
    throw new TypeError(`${where}.headers must map names to strings`);
  }
  const { channelNameStartsWith, channelNameEndsWith } = filter ?? {};
  for (const [name, value] of [
    ['channelNameStartsWith', channelNameStartsWith],
    ['channelNameEndsWith', channelNameEndsWith],
  ] as const) {
    if (value !== undefined && typeof value !== 'string')
      throw new TypeError(`${where}.filter.${name} must be a string`);
  }
  return Object.freeze({
    url,
    eventTypes: Object.freeze([...(types as WebhookEventType[])]),
    headers: Object.freeze(Object.fromEntries(headerEntries)),
    filter: Object.freeze({
      ...(channelNameStartsWith === undefined ? {} : { channelNameStartsWith }),
      ...(channelNameEndsWith === undefined ? {} : { channelNameEndsWith }),
    }),
  });
}
