// The page's script: @herald/echo in the browser — connection status, a presence roster, live
// orders from the server, and a typing indicator over client events (whispers).
import { createEcho, wrapFetch } from '@herald/echo';

interface Order {
  id: string;
  by: string;
}

const config = (window as unknown as { HERALD: { key: string; host: string; port: number } }).HERALD;
const user = new URLSearchParams(location.search).get('user') ?? 'guest';
const byId = (id: string) => document.getElementById(id)!;

const herald = createEcho<{ '.order.shipped': Order }>({
  key: config.key,
  host: config.host,
  port: config.port,
  forceTLS: false,
  namespace: false,
  auth: { endpoint: '/broadcasting/auth', getHeaders: () => ({ 'x-user': user }) },
});

herald.status.subscribe(() => {
  byId('status').textContent = herald.status.getSnapshot().state;
});

const orders = herald.channels.acquire<{ '.order.shipped': Order }, { typing: { name: string } }>('orders', 'presence');
orders.roster!.subscribe(() => {
  const roster = orders.roster!.getSnapshot();
  byId('count').textContent = String(roster.count);
  byId('members').textContent = [...roster.members.keys()].sort().join(', ');
});

const addOrder = (order: Order) => {
  const item = document.createElement('li');
  item.textContent = `${order.id} shipped by ${order.by}`;
  byId('orders').append(item);
};
// A leading dot: the event's own name, as a Laravel event's broadcastAs() gives it (no class namespace).
orders.listen('.order.shipped', addOrder);

// Typing: shown when another member whispers, cleared after two seconds of silence.
let typingTimer: ReturnType<typeof setTimeout> | undefined;
orders.listenForWhisper('typing', ({ name }) => {
  byId('typing').textContent = `${name} is typing…`;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => (byId('typing').textContent = ''), 2000);
});
byId('order').addEventListener('input', () => orders.whisper('typing', { name: user }));

const post = wrapFetch(fetch, herald);
byId('ship').addEventListener('click', () => {
  const input = byId('order') as HTMLInputElement;
  const order = { id: input.value, by: user };
  addOrder(order); // the sender shows it at once; the server's broadcast skips this socket
  void post('/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(order) });
});
