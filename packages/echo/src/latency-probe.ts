// Latency probe: measures the ping → pong round trip on the live connection, on the injected clock.
import type Pusher from 'pusher-js';
import type { Clock, TimerHandle } from './clock';
import type { ConnectionStatus } from './connection-status';
import { managerOf } from './pusher-binding';
import type { WritableStore } from './store';

const PING = 'pusher:ping';
const PONG = 'pusher:pong';

/**
 * Sends `pusher:ping` on each connect and every `intervalMs` after, and stores the round trip in
 * `latencyMs`. `intervalMs` of 0 measures once per connection. Returns the stop function.
 */
export function startLatencyProbe(
  pusher: Pusher,
  clock: Clock,
  status: WritableStore<ConnectionStatus>,
  intervalMs: number,
): () => void {
  const manager = managerOf(pusher);
  let sentAt: number | undefined;
  let timer: TimerHandle | undefined;

  const ping = (): void => {
    timer = undefined;
    if (manager.state !== 'connected') return;
    sentAt = clock.now();
    manager.send_event(PING, {});
    if (intervalMs > 0) timer = clock.setTimeout(ping, intervalMs);
  };
  const onMessage = (data: unknown): void => {
    if ((data as { event?: string })?.event !== PONG || sentAt === undefined) return;
    const latencyMs = clock.now() - sentAt;
    sentAt = undefined;
    status.update((s) => ({ ...s, latencyMs }));
  };
  const clearTimer = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };
  const onConnected = (): void => {
    clearTimer();
    ping();
  };
  // A pending ping on a closed connection would only keep a Node process alive until it fires.
  const onStateChange = (change: unknown): void => {
    if ((change as { current?: string })?.current !== 'connected') clearTimer();
  };
  manager.bind('message', onMessage);
  manager.bind('connected', onConnected);
  manager.bind('state_change', onStateChange);
  if (manager.state === 'connected') onConnected();
  return () => {
    clearTimer();
    manager.unbind('message', onMessage);
    manager.unbind('connected', onConnected);
    manager.unbind('state_change', onStateChange);
  };
}
