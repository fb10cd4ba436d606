// Conformance: HTTP API request bodies are judged by their head first and held within bounds.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { describe, expect } from 'vitest';
import { startHarness, type Harness } from '../harness';
import { signedPath } from '../signed-request';
import { testApp } from '../test-apps';
import type { SuiteContext } from './suite-context';

/** A response read in full. */
interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/**
 * Starts a POST that declares `declaredBytes` but sends only its head (and `firstBytes` of the body):
 * the server must answer without waiting for the rest.
 */
function openPost(
  h: Harness,
  path: string,
  declaredBytes: number,
  firstBytes = '',
): { req: ClientRequest; answer: Promise<Answer> } {
  const req = httpRequest(`${h.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(declaredBytes) },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  if (firstBytes) req.write(firstBytes);
  return { req, answer };
}

/** Conformance area: request bodies — refused by their head, capped, and bounded together. */
export function requestBodiesSuite({ target, test }: SuiteContext): void {
  describe('HTTP request bodies', () => {
    test('answers 413 from Content-Length over limits.maxRequestBodyBytes without reading the body', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ limits: { maxRequestBodyBytes: 1024 * 1024 } })],
      });
      const path = signedPath({
        method: 'POST',
        path: `/apps/${h.app.id}/events`,
        key: h.app.key,
        secret: h.app.secret,
        bodyMd5: 'x',
      });
      const { req, answer } = openPost(h, path, 9_900_000);
      const { status } = await answer;
      req.destroy();
      expect(status).toBe(413);
    });

    test('answers 401 to an unsigned request without reading its body', async () => {
      const h = await startHarness(target);
      const { req, answer } = openPost(
        h,
        `/apps/${h.app.id}/events?auth_key=${h.app.key}`,
        500_000,
      );
      const { status, body } = await answer;
      req.destroy();
      expect(status).toBe(401);
      expect(body).toMatch(/auth_/);
    });

    test('answers 503 with Retry-After while other bodies hold the in-flight budget, then serves again', async () => {
      const h = await startHarness(target, {
        maxInFlightBodyBytes: 100_000,
        apps: [testApp({ limits: { maxEventPayloadBytes: 100_000 } })],
      });
      const body = JSON.stringify({ name: 'e', channel: 'news', data: 'x'.repeat(60_000) });
      const sign = () =>
        signedPath({
          method: 'POST',
          path: `/apps/${h.app.id}/events`,
          key: h.app.key,
          secret: h.app.secret,
          body,
        });
      // The first request holds 60 KB of the 100 KB budget while its body trickles in.
      const first = openPost(h, sign(), body.length, body.slice(0, 1000));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const second = openPost(h, sign(), body.length);
      const refused = await second.answer;
      second.req.destroy();
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      first.req.end(body.slice(1000));
      expect((await first.answer).status).toBe(200);
      const third = openPost(h, sign(), body.length);
      third.req.end(body);
      expect((await third.answer).status).toBe(200);
    });
  });
}
