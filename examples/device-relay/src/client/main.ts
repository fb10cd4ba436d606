// The page's script: @herald/echo in the browser. It lists the devices with their online state,
// shows each one's output live (with catch-up after a reconnect) and sends commands through the app.
import { createEcho, type ConnectionState } from '@herald/echo';
import {
  CONSOLE_CHANNEL,
  RelayEvent,
  type DeviceMessage,
  type DeviceView,
  type RelayEvents,
} from '../relay-wire';
import { DeviceOutput } from './device-output';

/** The events this page listens to on the console channel (leading dot: names as sent, no namespace). */
type ConsoleEvents = {
  [Name in keyof RelayEvents as `.${Name}`]: RelayEvents[Name];
} & { '.pusher:subscription_succeeded': unknown };

const STATE_LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  unavailable: 'Offline, retrying',
  failed: 'Refused',
  disconnected: 'Disconnected',
};

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const config = JSON.parse(byId('relay-config').textContent ?? '{}') as { key: string };
const isTls = location.protocol === 'https:';
const herald = createEcho({
  key: config.key,
  host: location.hostname,
  port: Number(location.port || (isTls ? 443 : 80)),
  forceTLS: isTls,
  namespace: false,
});

const badge = byId('status');
herald.status.subscribe(() => {
  const { state } = herald.status.getSnapshot();
  badge.dataset.state = state;
  badge.textContent = STATE_LABELS[state];
  badge.setAttribute('aria-label', `Connection: ${STATE_LABELS[state]}`);
});

/** What the page draws for one device. */
interface DeviceCard {
  view: DeviceView;
  output: DeviceOutput;
  item: HTMLLIElement;
  state: HTMLElement;
  meta: HTMLElement;
  log: HTMLOListElement;
}
const cards = new Map<string, DeviceCard>();
const list = byId('devices');

function cardOf(view: DeviceView): DeviceCard {
  const existing = cards.get(view.id);
  if (existing !== undefined) return existing;
  const item = document.createElement('li');
  item.className = 'device';
  const titleId = `device-${view.id}-title`;
  item.innerHTML = `
    <section aria-labelledby="${titleId}">
      <div class="device-head">
        <h2 id="${titleId}"></h2>
        <span class="state" role="status"></span>
      </div>
      <p class="meta"></p>
      <form class="command">
        <label for="command-${view.id}"></label>
        <div class="command-row">
          <input id="command-${view.id}" name="command" required maxlength="200" autocomplete="off" placeholder="ping, echo hello, status">
          <button type="submit">Send</button>
        </div>
      </form>
      <h3 class="output-title" id="output-${view.id}-title"></h3>
      <ol class="output" role="log" aria-live="polite" aria-labelledby="output-${view.id}-title"></ol>
    </section>`;
  item.querySelector('h2')!.textContent = view.name;
  item.querySelector('label')!.textContent = `Command for ${view.name}`;
  item.querySelector('h3')!.textContent = `Output of ${view.name}`;
  const form = item.querySelector('form')!;
  const input = item.querySelector('input')!;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const command = input.value.trim();
    if (command === '') return;
    input.value = '';
    sendCommand(view, command).catch((error: unknown) =>
      showProblem(`"${command}" for ${view.name}: ${(error as Error).message}`),
    );
  });
  const card: DeviceCard = {
    view,
    output: new DeviceOutput(),
    item,
    state: item.querySelector('.state')!,
    meta: item.querySelector('.meta')!,
    log: item.querySelector('ol')!,
  };
  cards.set(view.id, card);
  list.append(item);
  return card;
}

function drawState(card: DeviceCard, view: DeviceView): void {
  card.view = view;
  card.item.dataset.online = String(view.isOnline);
  card.state.textContent = view.isOnline ? 'Online' : 'Offline';
  card.state.setAttribute('aria-label', `${view.name} is ${view.isOnline ? 'online' : 'offline'}`);
  const seen =
    view.lastSeenAt === null
      ? 'never seen'
      : `last seen ${new Date(view.lastSeenAt).toLocaleTimeString()}`;
  card.meta.textContent = `${seen} · ${view.droppedCount} dropped by the device`;
}

function lineOf(message: DeviceMessage): HTMLLIElement {
  const line = document.createElement('li');
  if (message.isPriority) line.className = 'priority';
  const seq = document.createElement('span');
  seq.className = 'seq';
  seq.textContent = `#${message.seq}`;
  line.append(seq, ` ${message.text}`);
  return line;
}

function addOutput(card: DeviceCard, run: string, messages: readonly DeviceMessage[]): void {
  const added = card.output.merge(run, messages);
  if (added === 'all') card.log.replaceChildren(...card.output.lines.map(lineOf));
  else card.log.append(...added.map(lineOf));
  card.log.scrollTop = card.log.scrollHeight;
}

async function sendCommand(view: DeviceView, command: string): Promise<void> {
  const response = await fetch(`/api/devices/${view.id}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ command }),
  });
  if (response.ok) return;
  const { error } = (await response.json().catch(() => ({}))) as { error?: string };
  throw new Error(error ?? `the app answered ${response.status}`);
}

function showProblem(text: string): void {
  const problem = byId('problem');
  problem.textContent = text;
  problem.hidden = false;
}

const consoleChannel = herald.channels.acquire<ConsoleEvents>(CONSOLE_CHANNEL);
consoleChannel.listen(`.${RelayEvent.Status}`, (view) => drawState(cardOf(view), view));
// Output for a device the page has no card for yet: it arrived between the subscription and the
// catch-up's answer, which may have been read before these lines were stored. Kept until then.
const early = new Map<string, { run: string; messages: readonly DeviceMessage[] }[]>();
consoleChannel.listen(`.${RelayEvent.Output}`, ({ deviceId, run, messages, droppedCount }) => {
  const card = cards.get(deviceId);
  if (card === undefined) {
    const pending = early.get(deviceId) ?? [];
    pending.push({ run, messages });
    early.set(deviceId, pending);
    return;
  }
  drawState(card, { ...card.view, isOnline: true, lastSeenAt: Date.now(), droppedCount });
  addOutput(card, run, messages);
});
// Subscribed first, then fetched (after every reconnect too): what was broadcast while this page was
// away comes from the app's recent output; lines merge by seq, so nothing shows twice.
consoleChannel.listen('.pusher:subscription_succeeded', () => {
  fetch('/api/devices')
    .then(
      (response) =>
        response.json() as Promise<{ devices: (DeviceView & { recent: DeviceMessage[] })[] }>,
    )
    .then(({ devices }) => {
      for (const { recent, ...view } of devices) {
        const card = cardOf(view);
        drawState(card, view);
        if (view.run !== null) addOutput(card, view.run, recent);
        for (const pending of early.get(view.id) ?? [])
          addOutput(card, pending.run, pending.messages);
        early.delete(view.id);
      }
    })
    .catch((error: unknown) => showProblem(`Could not load the devices: ${String(error)}`));
});
