// Conformance: HTTP API request signatures, limits and error bodies, with hand-made requests.
import { describe, expect } from 'vitest';
import Pusher from 'pusher';
import { startHarness } from '../harness';
import { TEST_APP, testApp } from '../test-apps';
import { anyString } from './expectations';
import type { SuiteContext } from './suite-context';

const EVENT = JSON.stringify({ name: 'e', channels: ['orders'], data: 'x' });
const EVENTS_PATH = `/apps/${TEST_APP.id}/events`;

/** Asserts the body is `{"error": "..."}` and the message names what is wrong. */
function expectErrorBody(body: unknown, mentions: RegExp): void {
  expect(body).toEqual({ error: anyString() });
  expect((body as { error: string }).error).toMatch(mentions);
}

/** Conformance area: HTTP API signatures, limits and JSON error bodies. */
export function httpAuthSuite({ target, test }: SuiteContext): void {
  describe('HTTP API signatures and limits', () => {
    test('accepts a correctly signed request', async () => {
      const h = await startHarness(target);
      const response = await h.api({ method: 'POST', path: EVENTS_PATH, body: EVENT });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({});
    });

    test('answers 401 to a signature made with the wrong secret', async () => {
      const h = await startHarness(target);
      const response = await h.api({
        method: 'POST',
        path: EVENTS_PATH,
        body: EVENT,
        secret: 'wrong-secret',
      });
      expect(response.status).toBe(401);
      expectErrorBody(response.body, /signature/i);
    });

    test('answers 401 through the pusher SDK when its secret is wrong', async () => {
      const h = await startHarness(target);
      const error = await h
        .publisher(TEST_APP, { secret: 'wrong-secret' })
        .trigger('orders', 'e', 'x')
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(Pusher.RequestError);
      expect((error as Pusher.RequestError & { status: number }).status).toBe(401);
    });

    test('answers 401 to an auth_key of another app', async () => {
      const h = await startHarness(target);
      const response = await h.api({
        method: 'POST',
        path: EVENTS_PATH,
        body: EVENT,
        key: 'someone-else',
      });
      expect(response.status).toBe(401);
      expectErrorBody(response.body, /auth_key/);
    });

    test('answers 401 to an auth_timestamp more than 600 s old', async () => {
      const h = await startHarness(target);
      const stale = Math.floor(Date.now() / 1000) - 601;
      const response = await h.api({
        method: 'POST',
        path: EVENTS_PATH,
        body: EVENT,
        timestamp: stale,
      });
      expect(response.status).toBe(401);
      expectErrorBody(response.body, /auth_timestamp/);
    });

    test('answers 401 when body_md5 does not match the body', async () => {
      const h = await startHarness(target);
      const response = await h.api({
        method: 'POST',
        path: EVENTS_PATH,
        body: EVENT,
        bodyMd5: '0123456789abcdef0123456789abcdef',
      });
      expect(response.status).toBe(401);
      expectErrorBody(response.body, /body_md5/);
    });

    test('answers 401 to a request without auth parameters', async () => {
      const h = await startHarness(target);
      const response = await fetch(`${h.baseUrl}/apps/${TEST_APP.id}/channels`);
      expect(response.status).toBe(401);
      expectErrorBody(await response.json(), /auth_/);
    });

    test('answers 404 to an unknown app id', async () => {
      const h = await startHarness(target);
      const response = await h.api({ method: 'POST', path: '/apps/9999/events', body: EVENT });
      expect(response.status).toBe(404);
      expectErrorBody(response.body, /9999|not found/i);
    });

    test('answers 403 to a disabled app', async () => {
      const h = await startHarness(target, { apps: [testApp({ enabled: false })] });
      const response = await h.api({ method: 'POST', path: EVENTS_PATH, body: EVENT });
      expect(response.status).toBe(403);
      expectErrorBody(response.body, /disabled/i);
    });

    test('answers 413 to event data over limits.maxEventPayloadBytes', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ limits: { maxEventPayloadBytes: 1000 } })],
      });
      const body = JSON.stringify({ name: 'e', channels: ['orders'], data: 'x'.repeat(1001) });
      const response = await h.api({ method: 'POST', path: EVENTS_PATH, body });
      expect(response.status).toBe(413);
      expectErrorBody(response.body, /data/);
    });

    test('answers 413 to a request body over limits.maxRequestBodyBytes', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ limits: { maxRequestBodyBytes: 2048 } })],
      });
      const body = JSON.stringify({ name: 'e', channels: ['orders'], data: 'x'.repeat(3000) });
      const response = await h.api({ method: 'POST', path: EVENTS_PATH, body });
      expect(response.status).toBe(413);
      expectErrorBody(response.body, /body/i);
    });

    test('answers 400 to a body that is not JSON', async () => {
      const h = await startHarness(target);
      const response = await h.api({ method: 'POST', path: EVENTS_PATH, body: '{"name": "e", ' });
      expect(response.status).toBe(400);
      expectErrorBody(response.body, /JSON/);
    });

    test('answers 400 to an event without data, naming the field', async () => {
      const h = await startHarness(target);
      const body = JSON.stringify({ name: 'e', channels: ['orders'] });
      const response = await h.api({ method: 'POST', path: EVENTS_PATH, body });
      expect(response.status).toBe(400);
      expectErrorBody(response.body, /data/);
    });

    test('answers 400 to more than 100 channels in one publish', async () => {
      const h = await startHarness(target);
      const channels = Array.from({ length: 101 }, (_, i) => `c${String(i)}`);
      const response = await h.api({
        method: 'POST',
        path: EVENTS_PATH,
        body: JSON.stringify({ name: 'e', channels, data: 'x' }),
      });
      expect(response.status).toBe(400);
      expectErrorBody(response.body, /100/);
    });

    test('answers 400 to a batch of more than 10 events', async () => {
      const h = await startHarness(target);
      const batch = Array.from({ length: 11 }, () => ({ name: 'e', channel: 'orders', data: 'x' }));
      const response = await h.api({
        method: 'POST',
        path: `/apps/${TEST_APP.id}/batch_events`,
        body: JSON.stringify({ batch }),
      });
      expect(response.status).toBe(400);
      expectErrorBody(response.body, /10/);
    });
  });
}
