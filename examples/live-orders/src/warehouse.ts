// The other way in: a separate service (here, "the warehouse") publishing over Herald's HTTP API
// with the `pusher` SDK, as it would to Pusher. The app itself uses the in-process API instead.
import Pusher from 'pusher';
import { APP } from './server';

/** Announces an order shipped by the warehouse to everyone on the orders page. */
export async function shipFromWarehouse(herald: { host: string; port: number }, id: string) {
  const pusher = new Pusher({
    appId: APP.id,
    key: APP.key,
    secret: APP.secret,
    host: herald.host,
    port: String(herald.port),
    useTLS: false,
  });
  await pusher.trigger('presence-orders', 'order.shipped', { id, by: 'the warehouse' });
}
