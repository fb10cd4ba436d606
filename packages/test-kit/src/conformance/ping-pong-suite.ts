// Conformance: pusher:ping / pusher:pong both ways, and closing sockets that stop answering.
import { describe, expect } from 'vitest';
import type PusherClient from 'pusher-js';
import { startHarness } from '../harness';
import { nextEvent, whenSubscribed } from '../pusher-client';
import { waitFor } from '../wait-for';
import { expectRefused } from './expectations';
import type { SuiteContext } from './suite-context';

/** Short timeouts so the server pings within about a second and gives up 300 ms later. */
const FAST_PINGS = { activityTimeoutSeconds: 1, pongTimeoutMs: 300 };

/** Conformance area: pusher:ping / pusher:pong both ways and 4201 for sockets that stop answering. */
export function pingPongSuite({ target, test }: SuiteContext): void {
  describe('ping and pong', () => {
    test('answers pusher:ping with exactly {"event":"pusher:pong","data":{}}', async () => {
      const h = await startHarness(target);
      const { client } = await h.connect();
      client.send({ event: 'pusher:ping', data: {} });
      expect((await client.next('pusher:pong')).text).toBe('{"event":"pusher:pong","data":{}}');
    });

    test('pings a socket that has been silent for the activity timeout', async () => {
      const h = await startHarness(target, FAST_PINGS);
      const { client } = await h.connect();
      const ping = await client.next('pusher:ping', 5000);
      expect(ping.json).toEqual({ event: 'pusher:ping', data: {} });
    });

    test('closes with 4201 a socket that never subscribed and does not answer the ping', async () => {
      const h = await startHarness(target, FAST_PINGS);
      const { client } = await h.connect();
      await client.next('pusher:ping', 5000);
      await expectRefused(client, 4201);
    });

    test('closes with 4201 a silent subscribed socket and releases its channels', async () => {
      const h = await startHarness(target, FAST_PINGS);
      const socket = await h.connect();
      await h.subscribe(socket, 'presence-room', { user_id: 'silent' });
      await socket.client.next('pusher:ping', 5000);
      await expectRefused(socket.client, 4201);
      await waitFor(async () => {
        const response = await h
          .publisher()
          .get({ path: '/channels/presence-room', params: { info: 'user_count' } });
        return ((await response.json()) as { occupied: boolean }).occupied === false;
      });
    });

    test('keeps a socket open that answers each ping with pusher:pong', async () => {
      const h = await startHarness(target, FAST_PINGS);
      const { client } = await h.connect();
      await client.next('pusher:ping', 5000);
      client.send({ event: 'pusher:pong', data: {} });
      // The next ping comes a full activity timeout after the pong, well past the pong timeout.
      await client.next('pusher:ping', 5000);
      expect(client.isOpen).toBe(true);
      client.send({ event: 'pusher:pong', data: {} });
      await client.sync();
    });

    test('keeps pusher-js connected across several activity timeouts', async () => {
      const h = await startHarness(target, FAST_PINGS);
      const client = await h.pusher();
      const socketId = client.connection.socket_id;
      const states: string[] = [];
      client.connection.bind('state_change', (change: { current: string }) =>
        states.push(change.current),
      );
      const channel = client.subscribe('heartbeat');
      await whenSubscribed(channel);
      await livenessExchanges(client, 3);
      const received = nextEvent(channel, 'tick');
      await h.publisher().trigger('heartbeat', 'tick', {});
      await received;
      expect(client.connection.socket_id).toBe(socketId);
      expect(states).toEqual([]);
    }, 15_000);
  });
}

/** Resolves after pusher-js has exchanged `count` pings or pongs with the server. */
function livenessExchanges(client: PusherClient, count: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    client.connection.bind('message', (message: { event: string }) => {
      if (message.event === 'pusher:pong' || message.event === 'pusher:ping') {
        seen++;
        if (seen >= count) resolve();
      }
    });
  });
}
