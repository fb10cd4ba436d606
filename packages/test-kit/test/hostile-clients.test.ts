// Hostile and broken clients against a live Node server: garbage must never cost honest clients a message.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectEstablished,
  createPublisher,
  startHarness,
  waitFor,
  type RawClient,
} from '../src/index';
import { nodeTarget } from './node-target';

// A deterministic generator: a failure can be replayed from the seed in the test name.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function garbageFrames(next: () => number, count: number): Array<string | Uint8Array> {
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
  const valid = [
    '{"event":"pusher:subscribe","data":{"channel":"news"}}',
    '{"event":"client-x","channel":"private-a","data":{"a":1}}',
    '{"event":"pusher:ping","data":{}}',
  ];
  const wrongTypes = [null, 1, true, [], {}, 'x', -0.5, { channel: [] }, [[[]]]];
  const frames: Array<string | Uint8Array> = [];
  for (let i = 0; i < count; i++) {
    switch (Math.floor(next() * 8)) {
      case 0: // random bytes as a binary frame
        frames.push(
          Uint8Array.from({ length: 1 + Math.floor(next() * 64) }, () => Math.floor(next() * 256)),
        );
        break;
      case 1: // random printable text
        frames.push(
          String.fromCharCode(
            ...Array.from(
              { length: 1 + Math.floor(next() * 80) },
              () => 32 + Math.floor(next() * 95),
            ),
          ),
        );
        break;
      case 2: {
        const text = pick(valid);
        frames.push(text.slice(0, Math.floor(next() * text.length))); // truncated JSON
        break;
      }
      case 3: {
        const depth = 1 + Math.floor(next() * 2000); // deeply nested, within the size limit
        frames.push(`{"event":"pusher:subscribe","data":${'['.repeat(depth)}${']'.repeat(depth)}}`);
        break;
      }
      case 4: // wrong types in every field
        frames.push(
          JSON.stringify({
            event: pick([
              'pusher:subscribe',
              'pusher:unsubscribe',
              'pusher:signin',
              'client-x',
              ...wrongTypes,
            ]),
            channel: pick(wrongTypes),
            data: pick(wrongTypes),
          }),
        );
        break;
      case 5: // unknown events
        frames.push(JSON.stringify({ event: `pusher:${Math.floor(next() * 1e6)}`, data: {} }));
        break;
      case 6: // invalid channel names and auth
        frames.push(
          JSON.stringify({
            event: 'pusher:subscribe',
            data: {
              channel: pick([
                '',
                ' ',
                'a'.repeat(300),
                'private-x',
                'presence-x',
                '#server-to-user-1',
              ]),
              auth: pick(wrongTypes),
              channel_data: pick(['{', '{}', '{"user_id":[]}']),
            },
          }),
        );
        break;
      default: // huge strings, past the message limit: the server closes this socket
        frames.push(
          JSON.stringify({
            event: 'pusher:ping',
            data: 'x'.repeat(20_000 + Math.floor(next() * 1000)),
          }),
        );
    }
  }
  return frames;
}

let unhandled = 0;
const countUnhandled = () => {
  unhandled++;
};

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

beforeAll(() => {
  process.on('unhandledRejection', countUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', countUnhandled);
});

describe('hostile clients (node)', () => {
  it(
    'survives 3,000 malformed frames while honest clients receive every event',
    { timeout: 60_000 },
    async () => {
      const harness = await startHarness(nodeTarget);
      const honest = await Promise.all([0, 1, 2].map(() => connectEstablished(harness.wsUrl())));
      for (const { client } of honest) {
        client.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
        await client.next('pusher_internal:subscription_succeeded');
      }
      const publisher = createPublisher(harness.server, harness.app);
      const baseline = heapAfterGc();

      const next = random(20261122);
      const published: number[] = [];
      const attackers: RawClient[] = [];
      let sent = 0;
      for (let round = 0; round < 6; round++) {
        let attacker = (await connectEstablished(harness.wsUrl())).client;
        attackers.push(attacker);
        for (const frame of garbageFrames(next, 500)) {
          // An oversized frame gets the socket closed (4303): carry on from a fresh one.
          if (!attacker.isOpen) {
            attacker = (await connectEstablished(harness.wsUrl())).client;
            attackers.push(attacker);
          }
          if (typeof frame === 'string') attacker.send(frame);
          else attacker.sendBinary(frame);
          sent++;
          if (typeof frame === 'string' && frame.length > 20_000) await attacker.closed;
        }
        published.push(round);
        await publisher.trigger('news', 'tick', JSON.stringify({ round }));
      }
      expect(sent).toBe(3000);
      const errors = attackers.flatMap((a) => a.received.filter((m) => m.event === 'pusher:error'));
      expect(errors.length).toBeGreaterThan(1000);
      // Garbage gets 4300; oversized frames 4303; client events on channels the attacker never joined
      // 4302; malformed pusher:signin 4009 (and a close). Nothing else, and never a crash.
      const codes = new Set(errors.map((e) => (e.data as { code: number }).code));
      expect([...codes].every((code) => [4300, 4302, 4303, 4009].includes(code))).toBe(true);
      expect(codes.has(4300) && codes.has(4303)).toBe(true);

      for (const { client } of honest) {
        const ticks = await Promise.all(published.map(() => client.next('tick')));
        expect(ticks.map((t) => JSON.parse(t.data as string).round)).toEqual(published);
      }
      // The server is still fine for newcomers.
      const late = await connectEstablished(harness.wsUrl());
      late.client.send({ event: 'pusher:ping', data: {} });
      await late.client.next('pusher:pong');

      await Promise.all(attackers.map((a) => a.close()));
      await late.client.close();
      expect(unhandled).toBe(0);
      // Memory returns close to where it was: no per-frame state is retained.
      await waitFor(() => heapAfterGc() - baseline < 8 * 1024 * 1024, {
        timeoutMs: 5000,
        intervalMs: 200,
      });
    },
  );
});
