// Conformance: client events (`client-*`) between subscribers of private and presence channels.
import { describe, expect } from 'vitest';
import { startHarness } from '../harness';
import { nextEvent, whenSubscribed } from '../pusher-client';
import type { EstablishedClient } from '../raw-client';
import { testApp } from '../test-apps';
import { expectPusherError, expectUsable } from './expectations';
import type { SuiteContext } from './suite-context';

const typing = (channel: string) => ({ event: 'client-typing', channel, data: { typing: true } });

/** Proves `socket` received no client event: the server answered a later ping first. */
async function expectNoClientEvent(socket: EstablishedClient): Promise<void> {
  await socket.client.sync();
  expect(socket.client.queued((m) => m.event?.startsWith('client-') === true)).toEqual([]);
}

/** Conformance area: Client events: where they are allowed, who receives them, 4301 and 4302. */
export function clientEventsSuite({ target, test }: SuiteContext): void {
  describe('client events', () => {
    test('relays a client event on a private channel to the other subscribers, never to the sender', async () => {
      const h = await startHarness(target);
      const [sender, receiver] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(sender, 'private-chat');
      await h.subscribe(receiver, 'private-chat');
      sender.client.send(typing('private-chat'));
      expect((await receiver.client.next('client-typing')).json).toEqual(typing('private-chat'));
      await expectNoClientEvent(sender);
    });

    test('adds user_id to client events on presence channels', async () => {
      const h = await startHarness(target);
      const [sender, receiver] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(sender, 'presence-chat', { user_id: '7' });
      await h.subscribe(receiver, 'presence-chat', { user_id: '8' });
      sender.client.send(typing('presence-chat'));
      expect((await receiver.client.next('client-typing')).json).toEqual({
        ...typing('presence-chat'),
        user_id: '7',
      });
      await expectNoClientEvent(sender);
    });

    test('refuses a client event on a public channel with 4302 and relays nothing', async () => {
      const h = await startHarness(target);
      const [sender, receiver] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(sender, 'lobby');
      await h.subscribe(receiver, 'lobby');
      sender.client.send(typing('lobby'));
      await expectPusherError(sender.client, 4302);
      await expectNoClientEvent(receiver);
      await expectUsable(sender.client);
    });

    test('refuses a client event from a socket not subscribed to the channel with 4302', async () => {
      const h = await startHarness(target);
      const [outsider, member] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(member, 'private-chat');
      outsider.client.send(typing('private-chat'));
      await expectPusherError(outsider.client, 4302);
      await expectNoClientEvent(member);
      await expectUsable(outsider.client);
    });

    test('refuses a client event without a channel with 4302', async () => {
      const h = await startHarness(target);
      const sender = await h.connect();
      await h.subscribe(sender, 'private-chat');
      sender.client.send({ event: 'client-typing', data: {} });
      await expectPusherError(sender.client, 4302);
      await expectUsable(sender.client);
    });

    test('refuses a client event name over limits.maxEventNameLength with 4302', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ limits: { maxEventNameLength: 20 } })],
      });
      const [sender, receiver] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(sender, 'private-chat');
      await h.subscribe(receiver, 'private-chat');
      sender.client.send({ event: `client-${'x'.repeat(20)}`, channel: 'private-chat', data: {} });
      await expectPusherError(sender.client, 4302);
      await expectNoClientEvent(receiver);
    });

    test('refuses client events with 4302 when the app sets clientEvents: none', async () => {
      const h = await startHarness(target, { apps: [testApp({ clientEvents: 'none' })] });
      const [sender, receiver] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(sender, 'private-chat');
      await h.subscribe(receiver, 'private-chat');
      sender.client.send(typing('private-chat'));
      await expectPusherError(sender.client, 4302);
      await expectNoClientEvent(receiver);
    });

    test('drops client events over limits.maxClientEventsPerSecond with 4301 and keeps the socket', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ limits: { maxClientEventsPerSecond: 2 } })],
      });
      const [sender, receiver] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(sender, 'private-chat');
      await h.subscribe(receiver, 'private-chat');
      for (let i = 0; i < 3; i++)
        sender.client.send({ event: 'client-n', channel: 'private-chat', data: { i } });
      await expectPusherError(sender.client, 4301);
      await receiver.client.sync();
      expect(receiver.client.queued('client-n').map((m) => m.data)).toEqual([{ i: 0 }, { i: 1 }]);
      await expectUsable(sender.client);
    });

    test('carries pusher-js channel.trigger to another pusher-js client', async () => {
      const h = await startHarness(target);
      const [alice, bob] = await Promise.all([h.pusher(), h.pusher()]);
      const aliceChat = alice.subscribe('private-chat');
      const bobChat = bob.subscribe('private-chat');
      await Promise.all([whenSubscribed(aliceChat), whenSubscribed(bobChat)]);
      const received = nextEvent(bobChat, 'client-wave');
      expect(aliceChat.trigger('client-wave', { from: 'alice' })).toBe(true);
      expect(await received).toEqual({ from: 'alice' });
    });
  });
}
