// The device's command channel: plain pusher-js (its Node build) on `private-device.{id}`, signed by
// the app's /broadcasting/auth with the device's own bearer token.
import Pusher, { type Channel } from 'pusher-js';
import { RelayEvent, type ConnectAnswer, type DeviceCommand } from '../relay-wire';

/** What the CLI hears from the channel. */
export interface CommandChannelEvents {
  onCommand(command: DeviceCommand): void;
  onSubscribed(channel: string): void;
  onRefused(channel: string, status: number | undefined): void;
}

/** A subscribed command channel. */
export interface CommandChannel {
  readonly pusher: Pusher;
  /** Reconnects now if pusher-js is between retries (it waits up to a minute after an outage). */
  reconnectIfDown(): void;
  close(): void;
}

/** Connects pusher-js where the app said, and subscribes to `channel` (the device's own, normally). */
export function openCommandChannel(
  appUrl: string,
  token: string,
  answer: ConnectAnswer,
  events: CommandChannelEvents,
  channelName = answer.channel,
): CommandChannel {
  const { key, host, port, scheme } = answer.pusher;
  const pusher = new Pusher(key, {
    cluster: '',
    wsHost: host,
    wsPort: port,
    wssPort: port,
    forceTLS: scheme === 'https',
    enabledTransports: ['ws', 'wss'],
    disableStats: true,
    channelAuthorization: {
      endpoint: new URL(answer.authEndpoint, appUrl).href,
      transport: 'ajax',
      headers: { authorization: `Bearer ${token}` },
    },
  });
  const channel: Channel = pusher.subscribe(channelName);
  channel.bind(RelayEvent.Command, (command: DeviceCommand) => events.onCommand(command));
  // Bound once, fired after every (re)subscription.
  channel.bind('pusher:subscription_succeeded', () => events.onSubscribed(channelName));
  channel.bind('pusher:subscription_error', (error: { status?: number }) =>
    events.onRefused(channelName, error.status),
  );
  return {
    pusher,
    reconnectIfDown() {
      const { state } = pusher.connection;
      if (state === 'connected' || state === 'initialized') return;
      pusher.disconnect();
      pusher.connect();
    },
    close: () => pusher.disconnect(),
  };
}
