// Conformance: presence channels — the roster, member_added / member_removed, and channel_data checks.
import { describe, expect } from 'vitest';
import type PusherClient from 'pusher-js';
import type { PresenceChannel } from 'pusher-js';
import { startHarness } from '../harness';
import { nextEvent, whenSubscribed } from '../pusher-client';
import { anyString, expectUsable, jsonData, stringContaining } from './expectations';
import { testApp } from '../test-apps';
import type { SuiteContext } from './suite-context';

const ROOM = 'presence-room';
const ADA = { user_id: '1', user_info: { name: 'Ada' } };
const BOB = { user_id: '2', user_info: { name: 'Bob' } };

/** Conformance area: Presence rosters, member_added / member_removed and channel_data validation. */
export function presenceSuite({ target, test }: SuiteContext): void {
  describe('presence', () => {
    test('confirms with {"presence":{"ids","hash","count"}} as a JSON string', async () => {
      const h = await startHarness(target);
      const ada = await h.connect();
      const ok = await h.subscribe(ada, ROOM, ADA);
      expect(ok.json).toEqual({
        event: 'pusher_internal:subscription_succeeded',
        channel: ROOM,
        data: anyString(),
      });
      expect(jsonData(ok)).toEqual({
        presence: { ids: ['1'], hash: { '1': { name: 'Ada' } }, count: 1 },
      });
    });

    test('lists every member to a newcomer and sends member_added to the others only', async () => {
      const h = await startHarness(target);
      const [ada, bob] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(ada, ROOM, ADA);
      const ok = await h.subscribe(bob, ROOM, BOB);
      const roster = jsonData(ok) as { presence: { ids: string[]; hash: object; count: number } };
      expect(roster.presence.count).toBe(2);
      expect([...roster.presence.ids].sort()).toEqual(['1', '2']);
      expect(roster.presence.hash).toEqual({ '1': { name: 'Ada' }, '2': { name: 'Bob' } });
      const added = await ada.client.next('pusher_internal:member_added');
      expect(added.json).toEqual({
        event: 'pusher_internal:member_added',
        channel: ROOM,
        data: anyString(),
      });
      expect(jsonData(added)).toEqual({ user_id: '2', user_info: { name: 'Bob' } });
      await bob.client.sync();
      expect(bob.client.queued('pusher_internal:member_added')).toEqual([]);
    });

    test('counts a user with two sockets once: one member_added, one roster entry', async () => {
      const h = await startHarness(target);
      const [watcher, first, second] = await Promise.all([h.connect(), h.connect(), h.connect()]);
      await h.subscribe(watcher, ROOM, BOB);
      await h.subscribe(first, ROOM, ADA);
      const ok = await h.subscribe(second, ROOM, ADA);
      expect((jsonData(ok) as { presence: { count: number } }).presence.count).toBe(2);
      await watcher.client.next('pusher_internal:member_added');
      await watcher.client.sync();
      expect(watcher.client.queued('pusher_internal:member_added')).toEqual([]);
      const info = await h
        .publisher()
        .get({ path: `/channels/${ROOM}`, params: { info: 'user_count,subscription_count' } });
      expect(await info.json()).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });
    });

    test('sends member_removed at once for a connection dropped without a close frame', async () => {
      const h = await startHarness(target);
      const [watcher, dropped] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(watcher, ROOM, BOB);
      await h.subscribe(dropped, ROOM, ADA);
      await watcher.client.next('pusher_internal:member_added');
      // The TCP connection just ends, as when the client's process dies. The server's activity
      // ping comes far later than this wait: only noticing the close itself removes the member.
      dropped.client.ws.terminate();
      const removed = await watcher.client.next('pusher_internal:member_removed', 3000);
      expect(jsonData(removed)).toEqual({ user_id: '1' });
    });

    test("sends member_removed only when the user's last socket leaves, and only to the others", async () => {
      const h = await startHarness(target);
      const [watcher, first, second] = await Promise.all([h.connect(), h.connect(), h.connect()]);
      await h.subscribe(watcher, ROOM, BOB);
      await h.subscribe(first, ROOM, ADA);
      await h.subscribe(second, ROOM, ADA);
      await first.client.close();
      await watcher.client.sync();
      expect(watcher.client.queued('pusher_internal:member_removed')).toEqual([]);
      second.client.send({ event: 'pusher:unsubscribe', data: { channel: ROOM } });
      const removed = await watcher.client.next('pusher_internal:member_removed');
      expect(removed.json).toEqual({
        event: 'pusher_internal:member_removed',
        channel: ROOM,
        data: anyString(),
      });
      expect(jsonData(removed)).toEqual({ user_id: '1' });
      await second.client.sync();
      expect(second.client.queued('pusher_internal:member_removed')).toEqual([]);
    });

    test('accepts a numeric user_id, as Laravel sends it', async () => {
      const h = await startHarness(target);
      const [watcher, numeric] = await Promise.all([h.connect(), h.connect()]);
      await h.subscribe(watcher, ROOM, BOB);
      const ok = await h.subscribe(numeric, ROOM, { user_id: 42, user_info: { name: 'Num' } });
      const roster = jsonData(ok) as { presence: { ids: string[]; hash: Record<string, unknown> } };
      expect(roster.presence.ids).toContain('42');
      expect(roster.presence.hash['42']).toEqual({ name: 'Num' });
      expect(jsonData(await watcher.client.next('pusher_internal:member_added'))).toEqual({
        user_id: '42',
        user_info: { name: 'Num' },
      });
    });

    test('refuses channel_data without user_id and keeps the socket usable', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      const channelData = JSON.stringify({ user_info: { name: 'Nobody' } });
      const signed = h
        .publisher()
        .authorizeChannel(socket.socketId, ROOM, JSON.parse(channelData) as never);
      socket.client.send({
        event: 'pusher:subscribe',
        data: { channel: ROOM, auth: signed.auth, channel_data: signed.channel_data },
      });
      const error = await socket.client.next('pusher:subscription_error');
      expect(error.json).toEqual({
        event: 'pusher:subscription_error',
        channel: ROOM,
        data: { type: 'AuthError', error: stringContaining('user_id'), status: 400 },
      });
      await h.subscribe(socket, ROOM, ADA);
    });

    test('refuses a presence subscription without channel_data (401)', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      const { auth } = h.subscribeData(socket.socketId, ROOM, ADA);
      socket.client.send({ event: 'pusher:subscribe', data: { channel: ROOM, auth } });
      expect((await socket.client.next('pusher:subscription_error')).json).toEqual({
        event: 'pusher:subscription_error',
        channel: ROOM,
        data: { type: 'AuthError', error: anyString(), status: 401 },
      });
    });

    test('refuses channel_data changed after signing (401)', async () => {
      const h = await startHarness(target);
      const socket = await h.connect();
      const { auth } = h.subscribeData(socket.socketId, ROOM, ADA);
      socket.client.send({
        event: 'pusher:subscribe',
        data: { channel: ROOM, auth, channel_data: JSON.stringify(BOB) },
      });
      const error = await socket.client.next('pusher:subscription_error');
      expect((error.data as { status: number }).status).toBe(401);
    });

    test('refuses a member over limits.maxPresenceMembers and keeps the socket usable', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ limits: { maxPresenceMembers: 1 } })],
      });
      const [ada, bob, adaAgain] = await Promise.all([h.connect(), h.connect(), h.connect()]);
      await h.subscribe(ada, ROOM, ADA);
      bob.client.send({
        event: 'pusher:subscribe',
        data: h.subscribeData(bob.socketId, ROOM, BOB),
      });
      const error = await bob.client.next('pusher:subscription_error');
      expect(error.channel).toBe(ROOM);
      expect(error.data).toEqual({ type: anyString(), error: anyString(), status: 403 });
      await expectUsable(bob.client);
      // Another socket of a user already present is not a new member.
      await h.subscribe(adaAgain, ROOM, ADA);
    });

    test('refuses user_info over limits.maxPresenceMemberInfoBytes', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ limits: { maxPresenceMemberInfoBytes: 100 } })],
      });
      const socket = await h.connect();
      const user = { user_id: '1', user_info: { bio: 'x'.repeat(200) } };
      socket.client.send({
        event: 'pusher:subscribe',
        data: h.subscribeData(socket.socketId, ROOM, user),
      });
      const error = await socket.client.next('pusher:subscription_error');
      expect(error.data).toEqual({
        type: anyString(),
        error: stringContaining('user_info'),
        status: 400,
      });
    });

    test('gives pusher-js the members, me and member_added / member_removed', async () => {
      const h = await startHarness(target);
      const ada = await h.pusher({ user: ADA });
      const adaRoom = ada.subscribe(ROOM) as PresenceChannel;
      await whenSubscribed(adaRoom);
      expect(adaRoom.members.count).toBe(1);
      expect(adaRoom.members.me).toEqual({ id: '1', info: { name: 'Ada' } });
      const added = nextEvent<{ id: string; info: unknown }>(adaRoom, 'pusher:member_added');
      const bob: PusherClient = await h.pusher({ user: BOB });
      const bobRoom = bob.subscribe(ROOM) as PresenceChannel;
      await whenSubscribed(bobRoom);
      expect(bobRoom.members.count).toBe(2);
      expect(await added).toEqual({ id: '2', info: { name: 'Bob' } });
      const removed = nextEvent<{ id: string }>(adaRoom, 'pusher:member_removed');
      bob.unsubscribe(ROOM);
      expect((await removed).id).toBe('2');
      expect(adaRoom.members.count).toBe(1);
    });
  });
}
