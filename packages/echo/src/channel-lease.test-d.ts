import { describe, expectTypeOf, it } from 'vitest';
import type { ChannelLease } from './channel-lease';

type Events = { '.order.shipped': { id: string }; '.order.cancelled': { reason: string } };
type Whispers = { typing: { user: string } };

describe('ChannelLease event map', () => {
  it('types listen payloads by event name', () => {
    const lease = {} as ChannelLease<Events, Whispers>;
    lease.listen('.order.shipped', (e) => expectTypeOf(e).toEqualTypeOf<{ id: string }>());
    lease.listen('.order.cancelled', (e) => expectTypeOf(e).toEqualTypeOf<{ reason: string }>());
    // @ts-expect-error not an event of this channel
    lease.listen('.order.lost', () => {});
  });

  it('types whispers by their own map', () => {
    const lease = {} as ChannelLease<Events, Whispers>;
    lease.listenForWhisper('typing', (e) => expectTypeOf(e).toEqualTypeOf<{ user: string }>());
    lease.whisper('typing', { user: 'a' });
    // @ts-expect-error wrong payload
    lease.whisper('typing', { user: 1 });
  });
});
