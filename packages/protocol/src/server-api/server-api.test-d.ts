// Type tests for the typed server API; checked by `tsc --noEmit` (the package's typecheck).
import { expectTypeOf } from 'vitest';
import { createHerald } from '../server';
import type { HeraldApi } from './server-api';
import type { TriggerResult } from './server-api-types';

interface Order {
  id: string;
  carrier: string;
}
type Events = { 'order.shipped': Order; 'order.cancelled': { id: string; reason: string } };

declare const api: HeraldApi<Events>;

export async function typedTriggers(): Promise<void> {
  expectTypeOf(
    await api.trigger('orders', 'order.shipped', { id: '1', carrier: 'DHL' }),
  ).toEqualTypeOf<TriggerResult>();
  // @ts-expect-error: data of the wrong shape for the event
  await api.trigger('orders', 'order.shipped', { id: '1' });
  // @ts-expect-error: an event the map does not name
  await api.trigger('orders', 'order.lost', {});
  await api.triggerBatch([
    { channel: 'o', name: 'order.cancelled', data: { id: '1', reason: 'x' } },
  ]);
  await api.triggerBatch([
    // @ts-expect-error: a batch entry's data must match its own event
    { channel: 'o', name: 'order.cancelled', data: { id: '1', carrier: 'x' } },
  ]);
  await api.sendToUser('u1', 'order.shipped', { id: '1', carrier: 'UPS' });
  // @ts-expect-error: sendToUser checks data too
  await api.sendToUser('u1', 'order.shipped', 42);
  expectTypeOf(api.forApp('2')).toEqualTypeOf<HeraldApi<Events>>();
}

export async function untypedAcceptsAnything(): Promise<void> {
  const herald = createHerald({ apps: [{ id: '1', key: 'k', secret: 's' }] });
  await herald.api.trigger('orders', 'anything', { free: 'form' });
  expectTypeOf(createHerald<Events>({ apps: [] }).api).toEqualTypeOf<HeraldApi<Events>>();
  // @ts-expect-error: info names only what a trigger can answer
  await herald.api.trigger('orders', 'e', 1, { info: ['cache'] });
}
