import { describe, expect, it } from 'vitest';
import { defineApp } from './app';
import { WEBHOOK_EVENT_TYPES } from './webhook-config';

const base = { id: 'a1', key: 'k', secret: 's' };

describe('app webhooks config', () => {
  it('defaults to no webhooks, and to every event type for a webhook given only a url', () => {
    expect(defineApp(base).webhooks).toEqual([]);
    const [hook] = defineApp({
      ...base,
      webhooks: [{ url: 'https://example.test/hook' }],
    }).webhooks;
    expect(hook).toEqual({
      url: 'https://example.test/hook',
      eventTypes: [...WEBHOOK_EVENT_TYPES],
      headers: {},
      filter: {},
    });
  });

  it('keeps event types, headers and channel filters', () => {
    const [hook] = defineApp({
      ...base,
      webhooks: [
        {
          url: 'http://127.0.0.1:9/h',
          eventTypes: ['member_added'],
          headers: { 'x-token': 't' },
          filter: { channelNameStartsWith: 'presence-' },
        },
      ],
    }).webhooks;
    expect(hook).toMatchObject({
      eventTypes: ['member_added'],
      headers: { 'x-token': 't' },
      filter: { channelNameStartsWith: 'presence-' },
    });
  });

  it.each([
    [[{ url: 'ftp://x' }], /webhooks\[0\]\.url must be an http\(s\) URL/],
    [[{ url: 'http://x', eventTypes: ['channel_exploded'] }], /unknown type "channel_exploded"/],
    [[{ url: 'http://x', headers: { a: 1 } }], /headers must map names to strings/],
    [{ url: 'http://x' }, /webhooks must be a list/],
  ])('refuses %j naming the field', (webhooks, message) => {
    expect(() => defineApp({ ...base, webhooks } as never)).toThrow(message);
  });
});
