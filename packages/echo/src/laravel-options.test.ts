import { describe, expect, it } from 'vitest';
import { toCreateEchoOptions } from './laravel-options';

describe('toCreateEchoOptions', () => {
  it("maps laravel-echo's connection names, picking the port by TLS", () => {
    const base = {
      broadcaster: 'reverb',
      key: 'k',
      wsHost: 'ws.test',
      wsPort: '8080',
      wssPort: 443,
    } as const;
    expect(toCreateEchoOptions({ ...base, forceTLS: false })).toMatchObject({
      host: 'ws.test',
      port: 8080,
      forceTLS: false,
    });
    expect(toCreateEchoOptions(base)).toMatchObject({ host: 'ws.test', port: 443 });
  });

  it('turns authEndpoint, bearerToken and csrfToken into auth options; explicit auth wins', () => {
    const options = toCreateEchoOptions({
      broadcaster: 'reverb',
      authEndpoint: '/api/broadcasting/auth',
      bearerToken: 'tok',
      csrfToken: 'csrf',
      auth: { headers: { 'X-Extra': '1' } },
    });
    expect(options.auth).toEqual({
      endpoint: '/api/broadcasting/auth',
      headers: { Authorization: 'Bearer tok', 'X-CSRF-TOKEN': 'csrf', 'X-Extra': '1' },
    });
    expect(
      toCreateEchoOptions({ broadcaster: 'reverb', authEndpoint: '/a', auth: { endpoint: '/b' } })
        .auth?.endpoint,
    ).toBe('/b');
  });

  it('leaves host and port to the environment when not given, and passes transports to pusher-js', () => {
    const options = toCreateEchoOptions({ broadcaster: 'pusher', enabledTransports: ['ws'] });
    expect(options).not.toHaveProperty('host');
    expect(options).not.toHaveProperty('port');
    expect(options.pusherOptions).toEqual({ enabledTransports: ['ws'] });
  });

  it('throws a TypeError on a port that is not a number', () => {
    expect(() =>
      toCreateEchoOptions({ broadcaster: 'reverb', wsPort: 'eighty', forceTLS: false }),
    ).toThrow(TypeError);
  });
});
