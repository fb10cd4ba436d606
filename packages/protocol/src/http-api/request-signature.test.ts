import Pusher from 'pusher';
import { describe, expect, it } from 'vitest';
import { defineApp } from '../apps/app';
import { parseQuery } from './query-string';
import { requestSignatureProblem } from './request-signature';

const app = defineApp({ id: '42', key: 'key', secret: 'secret' });

const sdk = new Pusher({ appId: app.id, key: app.key, secret: app.secret, host: '127.0.0.1' });

// The real SDK builds and signs the query; the core must accept exactly what it sends.
function signed(method: string, path: string, body: string, extra: Record<string, string> = {}) {
  return parseQuery(
    sdk.createSignedQueryString({ method, path, body: body || undefined, params: extra }),
  );
}

describe('requestSignatureProblem', () => {
  it('accepts a request signed like the pusher SDK signs it', () => {
    const body = '{"name":"e","data":"{}","channels":["a"]}';
    expect(
      requestSignatureProblem(
        app,
        'POST',
        '/apps/42/events',
        signed('POST', '/apps/42/events', body),
        body,
        Date.now(),
      ),
    ).toBeUndefined();
  });

  it('accepts query values with commas and prefixes unencoded', () => {
    const params = signed('GET', '/apps/42/channels', '', {
      filter_by_prefix: 'presence-',
      info: 'user_count',
    });
    expect(
      requestSignatureProblem(app, 'GET', '/apps/42/channels', params, '', Date.now()),
    ).toBeUndefined();
  });

  it('refuses a tampered body', () => {
    const params = signed('POST', '/apps/42/events', '{"a":1}');
    expect(
      requestSignatureProblem(app, 'POST', '/apps/42/events', params, '{"a":2}', Date.now()),
    ).toMatch(/body_md5/);
  });

  it('refuses a timestamp older than 600 seconds', () => {
    const params = signed('GET', '/apps/42/channels', '');
    expect(
      requestSignatureProblem(app, 'GET', '/apps/42/channels', params, '', Date.now() + 601_000),
    ).toMatch(/auth_timestamp/);
  });

  it('refuses another app key', () => {
    const params = signed('GET', '/apps/42/channels', '');
    params.set('auth_key', 'other');
    expect(
      requestSignatureProblem(app, 'GET', '/apps/42/channels', params, '', Date.now()),
    ).toMatch(/auth_key/);
  });

  it('refuses a signature for another path', () => {
    const params = signed('GET', '/apps/42/channels', '');
    expect(
      requestSignatureProblem(app, 'GET', '/apps/42/channels/x', params, '', Date.now()),
    ).toMatch(/auth_signature/);
  });

  it('refuses a request without a signature', () => {
    expect(
      requestSignatureProblem(
        app,
        'GET',
        '/apps/42/channels',
        parseQuery('auth_key=key'),
        '',
        Date.now(),
      ),
    ).toMatch(/Missing/);
  });
});
