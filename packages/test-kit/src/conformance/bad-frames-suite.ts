// Conformance: malformed frames get pusher:error, never crash the server or disturb other sockets.
import { describe, expect } from 'vitest';
import { startHarness, type Harness } from '../harness';
import type { EstablishedClient, RawClient } from '../raw-client';
import { testApp } from '../test-apps';
import { expectPusherError, expectRefused, expectUsable } from './expectations';
import type { SuiteContext } from './suite-context';

/** One malformed input and how to send it. */
interface BadFrame {
  readonly name: string;
  send(client: RawClient): void;
}

const text = (name: string, frame: string): BadFrame => ({ name, send: (c) => c.send(frame) });

const BAD_FRAMES: readonly BadFrame[] = [
  text('invalid JSON', '{"event": "pusher:ping"'),
  text('a JSON array', '[{"event":"pusher:ping"}]'),
  text('a JSON string', '"pusher:ping"'),
  text('a JSON number', '42'),
  text('JSON null', 'null'),
  text('an empty frame', ''),
  text('an object without event', '{"data":{}}'),
  text('a non-string event', '{"event":42,"data":{}}'),
  text('an unknown pusher: event', '{"event":"pusher:teleport","data":{}}'),
  text('an unknown event without prefix', '{"event":"hello","data":{}}'),
  text('subscribe with data a number', '{"event":"pusher:subscribe","data":5}'),
  text('subscribe without data', '{"event":"pusher:subscribe"}'),
  text('subscribe with a non-string channel', '{"event":"pusher:subscribe","data":{"channel":5}}'),
  text('subscribe with data an unparsable string', '{"event":"pusher:subscribe","data":"{nope"}'),
  text(
    'unsubscribe with a non-string channel',
    '{"event":"pusher:unsubscribe","data":{"channel":["a"]}}',
  ),
  { name: 'a binary frame', send: (c) => c.sendBinary(new Uint8Array([0x7b, 0x7d, 0x00, 0xff])) },
];

/** A second, honest client subscribed to `news` that must keep receiving. */
async function bystander(h: Harness): Promise<EstablishedClient> {
  const honest = await h.connect();
  await h.subscribe(honest, 'news');
  return honest;
}

async function expectStillReceiving(h: Harness, honest: EstablishedClient): Promise<void> {
  await h.publisher().trigger('news', 'headline', 'still here');
  expect((await honest.client.next('headline')).data).toBe('still here');
}

/** Conformance area: Malformed frames (4300) and oversized messages (4303). */
export function badFramesSuite({ target, test }: SuiteContext): void {
  describe('bad frames', () => {
    for (const bad of BAD_FRAMES) {
      test(`answers ${bad.name} with pusher:error 4300 and carries on`, async () => {
        const h = await startHarness(target);
        const honest = await bystander(h);
        const socket = await h.connect();
        bad.send(socket.client);
        await expectPusherError(socket.client, 4300);
        await expectUsable(socket.client);
        await h.subscribe(socket, 'news');
        await expectStillReceiving(h, honest);
      });
    }

    test('closes with 4303 after a message over limits.maxMessageBytes; others keep receiving', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ limits: { maxMessageBytes: 1024 } })],
      });
      const honest = await bystander(h);
      const socket = await h.connect();
      socket.client.send({ event: 'pusher:subscribe', data: { channel: 'x'.repeat(2000) } });
      await expectRefused(socket.client, 4303);
      await expectStillReceiving(h, honest);
    });

    test('closes a socket that keeps sending invalid messages with 4150; others keep receiving', async () => {
      const h = await startHarness(target, { maxInvalidMessages: 5 });
      const honest = await bystander(h);
      const socket = await h.connect();
      for (let i = 0; i < 5; i++) socket.client.send('{"nope"');
      for (let i = 0; i < 5; i++) await expectPusherError(socket.client, 4300);
      await expectUsable(socket.client);
      socket.client.send('{"nope"');
      await expectRefused(socket.client, 4150);
      await expectStillReceiving(h, honest);
    });

    test('closes a socket that floods invalid frames without reading once its replies pass maxBufferedBytes (4100)', async () => {
      // The invalid-message budget is out of the way here: this proves error replies are bounded too.
      const h = await startHarness(target, {
        maxInvalidMessages: 1e9,
        maxBufferedBytes: 64 * 1024,
      });
      const honest = await bystander(h);
      const socket = await h.connect();
      socket.client.ws.pause();
      // About 20 MB of replies: more than loopback's kernel buffers hold, so the server must buffer.
      for (let i = 0; i < 200_000; i++) socket.client.send('{}');
      socket.client.ws.resume();
      const closed = await socket.client.closed;
      expect(closed.code).toBe(4100);
      await expectStillReceiving(h, honest);
    }, 60_000);

    test('survives a burst of every bad frame from many sockets at once', async () => {
      const h = await startHarness(target);
      const honest = await bystander(h);
      const sockets = await Promise.all(Array.from({ length: 5 }, () => h.connect()));
      for (const socket of sockets) for (const bad of BAD_FRAMES) bad.send(socket.client);
      for (const socket of sockets) {
        for (let i = 0; i < BAD_FRAMES.length; i++) await expectPusherError(socket.client, 4300);
        await expectUsable(socket.client);
      }
      await expectStillReceiving(h, honest);
    });
  });
}
