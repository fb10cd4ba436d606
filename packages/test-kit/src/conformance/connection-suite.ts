// Conformance: establishing and refusing connections, and closing them on shutdown.
import { describe, expect } from 'vitest';
import { startHarness } from '../harness';
import { waitFor } from '../wait-for';
import { OTHER_APP, TEST_APP, testApp } from '../test-apps';
import { anyString, expectRefused, jsonData, stringMatching } from './expectations';
import type { SuiteContext } from './suite-context';

/** Conformance area: Handshake, refused connections (4001–4008) and shutdown (4200). */
export function connectionSuite({ target, test }: SuiteContext): void {
  describe('connection', () => {
    test('sends pusher:connection_established with socket_id and activity_timeout as a JSON string', async () => {
      const h = await startHarness(target, { activityTimeoutSeconds: 45 });
      const { established } = await h.connect();
      expect(established.json).toEqual({
        event: 'pusher:connection_established',
        data: anyString(),
      });
      expect(jsonData(established)).toEqual({
        socket_id: stringMatching(/^\d+\.\d+$/),
        activity_timeout: 45,
      });
    });

    test('gives every connection its own socket id', async () => {
      const h = await startHarness(target);
      const ids = await Promise.all([h.connect(), h.connect(), h.connect()]);
      expect(new Set(ids.map((c) => c.socketId)).size).toBe(3);
    });

    test('connects pusher-js, which reports the socket id', async () => {
      const h = await startHarness(target);
      const client = await h.pusher();
      expect(client.connection.state).toBe('connected');
      expect(client.connection.socket_id).toMatch(/^\d+\.\d+$/);
    });

    test('refuses an unknown app key with 4001 and closes', async () => {
      const h = await startHarness(target);
      await expectRefused(await h.raw(h.wsUrl('no-such-key')), 4001);
    });

    test('refuses a disabled app with 4003 and closes', async () => {
      const h = await startHarness(target, { apps: [testApp({ enabled: false })] });
      await expectRefused(await h.raw(), 4003);
    });

    test('refuses a connection over the app quota with 4004, and accepts again once one leaves', async () => {
      const h = await startHarness(target, { apps: [testApp({ limits: { maxConnections: 1 } })] });
      const first = await h.connect();
      await expectRefused(await h.raw(), 4004);
      await first.client.close();
      await waitFor(async () => {
        const next = await h.raw();
        const frame = await next.next(
          (m) => m.event === 'pusher:connection_established' || m.event === 'pusher:error',
        );
        return frame.event === 'pusher:connection_established';
      });
    });

    test('counts the connection quota per app', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ limits: { maxConnections: 1 } }), { ...OTHER_APP }],
      });
      await h.connect();
      await h.connect(OTHER_APP.key);
    });

    test('refuses a connection without a protocol version with 4008', async () => {
      const h = await startHarness(target);
      await expectRefused(await h.raw(h.wsUrl(TEST_APP.key, 'client=js&version=8.4.0')), 4008);
    });

    test('refuses a non-numeric protocol version with 4006', async () => {
      const h = await startHarness(target);
      await expectRefused(await h.raw(h.wsUrl(TEST_APP.key, 'protocol=seven&client=js')), 4006);
    });

    test('refuses protocol 6 with 4007', async () => {
      const h = await startHarness(target);
      await expectRefused(await h.raw(h.wsUrl(TEST_APP.key, 'protocol=6&client=js')), 4007);
    });

    test('refuses protocol 8 with 4007', async () => {
      const h = await startHarness(target);
      await expectRefused(await h.raw(h.wsUrl(TEST_APP.key, 'protocol=8&client=js')), 4007);
    });

    test('refuses a malformed /app/ path with 4005', async () => {
      const h = await startHarness(target);
      await expectRefused(await h.raw(h.wsUrlFor(`/app/${TEST_APP.key}/extra?protocol=7`)), 4005);
    });

    test('refuses a WebSocket on a path other than /app/{key} with 4005', async () => {
      const h = await startHarness(target);
      await expectRefused(await h.raw(h.wsUrlFor(`/socket/${TEST_APP.key}?protocol=7`)), 4005);
    });

    test('closes every socket with 4200 when the server shuts down', async () => {
      const h = await startHarness(target);
      const sockets = await Promise.all([h.connect(), h.connect()]);
      const [first] = sockets;
      await h.subscribe(first, 'news');
      await h.closeServer();
      for (const { client } of sockets) await expectRefused(client, 4200);
    });

    test('keeps apps apart: an event for one app never reaches another app on the same channel name', async () => {
      const h = await startHarness(target, { apps: [{ ...TEST_APP }, { ...OTHER_APP }] });
      const mine = await h.connect();
      const theirs = await h.connect(OTHER_APP.key);
      await h.subscribe(mine, 'news');
      await h.subscribe(theirs, 'news');
      await h.publisher(OTHER_APP).trigger('news', 'headline', 'for other app');
      expect((await theirs.client.next('headline')).data).toBe('for other app');
      await mine.client.sync();
      expect(mine.client.queued('headline')).toEqual([]);
    });
  });
}
