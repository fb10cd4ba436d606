import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BODY_ABORTED, BODY_TOO_LARGE, headersOf, readBody, splitTarget } from './http-bridge';

/** A request stream with headers, enough for readBody. */
function fakeRequest(headers: Record<string, string> = {}): PassThrough & IncomingMessage {
  return Object.assign(new PassThrough(), { headers }) as unknown as PassThrough & IncomingMessage;
}

describe('splitTarget', () => {
  it('keeps the raw query undecoded after the first ?', () => {
    expect(splitTarget('/apps/1/events?auth_key=k&name=a%2Fb?c')).toEqual({
      path: '/apps/1/events',
      query: 'auth_key=k&name=a%2Fb?c',
    });
  });

  it('gives an empty query when there is none', () => {
    expect(splitTarget('/up')).toEqual({ path: '/up', query: '' });
  });
});

describe('headersOf', () => {
  it('joins repeated headers', () => {
    expect(headersOf({ 'x-a': ['1', '2'], host: 'h' })).toEqual({ 'x-a': '1, 2', host: 'h' });
  });
});

describe('readBody', () => {
  it('reads the body as UTF-8 text', async () => {
    const req = fakeRequest();
    const body = readBody(req, 100);
    req.write(Buffer.from('{"name":"é'));
    req.end(Buffer.from('"}'));
    expect(await body).toBe('{"name":"é"}');
  });

  it('refuses a declared content-length over the cap without reading', async () => {
    const req = fakeRequest({ 'content-length': '101' });
    expect(await readBody(req, 100)).toBe(BODY_TOO_LARGE);
  });

  it('stops buffering as soon as a streamed body passes the cap', async () => {
    const req = fakeRequest();
    const body = readBody(req, 100);
    req.write(Buffer.alloc(60));
    req.write(Buffer.alloc(60));
    // Resolved before the body ended: nothing past the cap is waited for.
    expect(await body).toBe(BODY_TOO_LARGE);
    req.end(Buffer.alloc(1000));
  });

  it('gives up on a body whose client went away', async () => {
    const req = fakeRequest();
    const body = readBody(req, 100);
    req.write('{"partial":');
    req.destroy();
    expect(await body).toBe(BODY_ABORTED);
  });
});
