// The page's script: @herald/echo in the browser — connection status, a presence roster, live
// orders from the server, and a typing indicator over client events (whispers).
import { createEcho, createTypingIndicator, wrapFetch, type ConnectionState } from '@herald/echo';
import type { PageConfig } from './page';

interface Order {
  id: string;
  by: string;
}

/** What pusher-js reports on a channel whose subscription was refused. */
interface SubscriptionError {
  error?: string;
}

/** The events this page listens to on `presence-orders`. */
type OrderEvents = {
  // A leading dot: the event's own name, as a Laravel event's broadcastAs() gives it (no class namespace).
  '.order.shipped': Order;
  // pusher-js's own event when the app refuses to sign the subscription.
  '.pusher:subscription_error': SubscriptionError;
};

/** What each connection state reads as on the badge. */
const STATE_LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  unavailable: 'Offline, retrying',
  failed: 'Refused',
  disconnected: 'Disconnected',
};

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const config = JSON.parse(byId('herald-config').textContent ?? '{}') as PageConfig;
// The user comes from the URL so one browser can play two people; a real app has a session.
const user = new URLSearchParams(location.search).get('user') ?? 'guest';
const userHeaders = { 'x-user': user };

const herald = createEcho({
  key: config.key,
  host: config.host,
  port: config.port,
  forceTLS: false,
  namespace: false,
  auth: { endpoint: '/broadcasting/auth', getHeaders: () => userHeaders },
});

const badge = byId('status');
herald.status.subscribe(() => {
  const { state } = herald.status.getSnapshot();
  badge.dataset.state = state;
  badge.textContent = STATE_LABELS[state];
});

const orders = herald.channels.acquire<OrderEvents>('orders', 'presence');
const roster = orders.roster!;
roster.subscribe(() => {
  const { members, count, isSynced } = roster.getSnapshot();
  byId('count').textContent = String(count);
  const items = [...members.keys()].sort().map((name) => {
    const item = document.createElement('li');
    item.dataset.initial = name.charAt(0);
    item.textContent = name === user ? `${name} (you)` : name;
    return item;
  });
  byId('members').replaceChildren(...items);
  // Shipping and typing need the channel: wait until this page is a member.
  byId<HTMLFieldSetElement>('ship-fields').disabled = !isSynced;
});

orders.listen('.pusher:subscription_error', ({ error }) => {
  const problem = byId('problem');
  problem.textContent = `You could not join the orders room (${error ?? 'refused'}).`;
  problem.hidden = false;
});

const list = byId('orders');
const addOrder = (order: Order) => {
  const item = document.createElement('li');
  const id = document.createElement('strong');
  id.textContent = order.id;
  item.append(id, ` shipped by ${order.by}`);
  list.prepend(item); // newest first
};
orders.listen('.order.shipped', addOrder);

// Who else is typing: @herald/echo throttles the whispers and stops them after a silence.
const typing = createTypingIndicator<{ name: string }>(
  () => herald.channels.acquire('orders', 'presence'),
  () => herald.socketId(),
);
typing.subscribe(() => {
  const names = typing.getSnapshot().typing.map((member) => member.info?.name ?? member.id);
  byId('typing').textContent =
    names.length === 0 ? '' : `${names.join(' and ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
});

const input = byId<HTMLInputElement>('order');
input.addEventListener('input', () => (input.value === '' ? typing.stop() : typing.typing()));

// wrapFetch adds X-Socket-ID, so the server's broadcast skips this page: it shows its own order at once.
const post = wrapFetch(fetch, herald);
byId<HTMLFormElement>('ship-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const id = input.value.trim();
  if (id === '') return;
  addOrder({ id, by: user });
  input.value = '';
  typing.stop();
  post('/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...userHeaders },
    body: JSON.stringify({ id }),
  })
    .then((response) => {
      if (!response.ok) throw new Error(`the app answered ${response.status}`);
    })
    .catch((error: unknown) => {
      const problem = byId('problem');
      problem.textContent = `Order ${id} was not sent to the others (${(error as Error).message}).`;
      problem.hidden = false;
    });
});
