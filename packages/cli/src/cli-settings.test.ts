import { describe, expect, it } from 'vitest';
import { CLI_DEFAULTS, resolveSettings, type StartFlags } from './cli-settings';

function resolve(
  flags: StartFlags,
  env: Record<string, string> = {},
  files: Record<string, unknown> = {},
): ReturnType<typeof resolveSettings> {
  return resolveSettings({
    flags,
    env,
    readFile(path) {
      if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
      const content = files[path];
      return typeof content === 'string' ? content : JSON.stringify(content);
    },
  });
}

const file = {
  'herald.config.json': {
    host: '10.0.0.1',
    port: 7000,
    apps: [
      { id: 'file-id', key: 'file-key', secret: 'file-secret', limits: { maxConnections: 5 } },
    ],
  },
};

describe('resolveSettings', () => {
  it('defaults to 0.0.0.0:8080 with no app', () => {
    expect(resolve({})).toMatchObject({ ...CLI_DEFAULTS, apps: [] });
  });

  it('reads host, port and apps from the config file', () => {
    expect(resolve({ config: 'herald.config.json' }, {}, file)).toMatchObject({
      host: '10.0.0.1',
      port: 7000,
      apps: file['herald.config.json'].apps,
    });
  });

  it('finds the config file through HERALD_CONFIG', () => {
    expect(resolve({}, { HERALD_CONFIG: 'herald.config.json' }, file).port).toBe(7000);
  });

  it('takes a Laravel .env as it is (REVERB_*)', () => {
    const settings = resolve(
      {},
      {
        REVERB_APP_ID: '100',
        REVERB_APP_KEY: 'reverb-key',
        REVERB_APP_SECRET: 'reverb-secret',
        REVERB_SERVER_HOST: '127.0.0.1',
        REVERB_SERVER_PORT: '9000',
      },
    );
    expect(settings).toMatchObject({
      host: '127.0.0.1',
      port: 9000,
      apps: [{ id: '100', key: 'reverb-key', secret: 'reverb-secret' }],
    });
  });

  it('applies flags > HERALD_* > REVERB_* > config file', () => {
    const env = {
      HERALD_PORT: '7100',
      REVERB_SERVER_PORT: '7200',
      HERALD_HOST: '::1',
      REVERB_SERVER_HOST: 'x',
    };
    expect(resolve({ config: 'herald.config.json', port: '7300' }, env, file)).toMatchObject({
      port: 7300,
      host: '::1',
    });
    expect(resolve({ config: 'herald.config.json' }, env, file).port).toBe(7100);
    expect(
      resolve({ config: 'herald.config.json' }, { REVERB_SERVER_PORT: '7200' }, file).port,
    ).toBe(7200);
  });

  it('overrides the first app credentials field by field and keeps its other settings', () => {
    const settings = resolve(
      { config: 'herald.config.json', appSecret: 'flag-secret' },
      { HERALD_APP_KEY: 'herald-key', REVERB_APP_KEY: 'reverb-key' },
      file,
    );
    expect(settings.apps).toEqual([
      { id: 'file-id', key: 'herald-key', secret: 'flag-secret', limits: { maxConnections: 5 } },
    ]);
  });

  it('sets maxChannelsPerConnection of the first app from the flag or HERALD_APP_MAX_CHANNELS_PER_CONNECTION', () => {
    const env = { HERALD_APP_MAX_CHANNELS_PER_CONNECTION: '250' };
    expect(resolve({ config: 'herald.config.json' }, env, file).apps[0]?.limits).toEqual({
      maxConnections: 5,
      maxChannelsPerConnection: 250,
    });
    const flags = { appId: 'a', appKey: 'k', appSecret: 's', appMaxChannelsPerConnection: '0' };
    expect(resolve(flags, env).apps).toEqual([
      { id: 'a', key: 'k', secret: 's', limits: { maxChannelsPerConnection: 0 } },
    ]);
    expect(() => resolve({}, env)).toThrow(
      'HERALD_APP_MAX_CHANNELS_PER_CONNECTION applies to the first app: configure one',
    );
    expect(() => resolve({ ...flags, appMaxChannelsPerConnection: 'many' })).toThrow(
      '--app-max-channels-per-connection must be a non-negative number',
    );
  });

  it('treats an empty variable as unset, as a Laravel .env writes it', () => {
    expect(resolve({}, { REVERB_APP_ID: '', REVERB_SERVER_PORT: '' })).toMatchObject({
      port: 8080,
      apps: [],
    });
  });

  it.each([
    [{ port: 'eighty' }, {}, '--port must be an integer'],
    [{}, { HERALD_PORT: '-1' }, 'HERALD_PORT must be an integer'],
    [{}, { REVERB_SERVER_PORT: '99999' }, 'REVERB_SERVER_PORT must be an integer'],
    [
      {},
      { HERALD_APP_KEY: 'k', HERALD_APP_SECRET: 's' },
      'app id is missing: set --app-id, HERALD_APP_ID or REVERB_APP_ID',
    ],
    [{ appKey: '' }, {}, '--app-key must be a non-empty string'],
    [{ config: 'missing.json' }, {}, 'cannot read config file missing.json'],
    [{ config: 'broken.json' }, {}, 'broken.json is not valid JSON'],
  ])('names the source at fault: %j %j', (flags, env, message) => {
    expect(() => resolve(flags, env, { 'broken.json': '{"port":' })).toThrow(message);
  });
});

describe('scaling settings', () => {
  it('defaults to a single node', () => {
    expect(resolve({}).scaling).toEqual({ driver: 'local' });
  });

  it('takes --scaling redis with the URL from REDIS_URL', () => {
    expect(resolve({ scaling: 'redis' }, { REDIS_URL: 'redis://cache:6379' }).scaling).toEqual({
      driver: 'redis',
      url: 'redis://cache:6379',
    });
  });

  it('prefers --nats-url over NATS_URL and the config file', () => {
    const files = {
      'c.json': {
        scaling: { driver: 'nats', url: 'nats://file:4222', prefix: 'prod', nodeTimeoutMs: 3000 },
      },
    };
    expect(
      resolve(
        { config: 'c.json', natsUrl: 'nats://flag:4222' },
        { NATS_URL: 'nats://env:4222' },
        files,
      ).scaling,
    ).toEqual({
      driver: 'nats',
      url: 'nats://flag:4222',
      prefix: 'prod',
      nodeTimeoutMs: 3000,
    });
  });

  it('names the flag when the driver is unknown', () => {
    expect(() => resolve({ scaling: 'kafka' })).toThrow(
      /--scaling must be one of local, redis, nats/,
    );
  });

  it('names the field when the config file scaling is wrong', () => {
    const files = { 'c.json': { scaling: { driver: 'redis', urll: 'x' } } };
    expect(() => resolve({ config: 'c.json' }, {}, files)).toThrow(
      /scaling.urll is not a known option/,
    );
  });

  it('reads the drain window from the flag, then HERALD_DRAIN_WINDOW_MS, with a 3 s default', () => {
    expect(resolve({}).drainWindowMs).toBe(3000);
    expect(resolve({}, { HERALD_DRAIN_WINDOW_MS: '500' }).drainWindowMs).toBe(500);
    expect(resolve({ drainWindowMs: '0' }, { HERALD_DRAIN_WINDOW_MS: '500' }).drainWindowMs).toBe(
      0,
    );
  });
});

describe('HTTP fallback hostname', () => {
  it('reads it from the flag, then HERALD_HTTP_FALLBACK_HOSTNAME, unset by default', () => {
    expect(resolve({}).httpFallbackHostname).toBeUndefined();
    expect(
      resolve({}, { HERALD_HTTP_FALLBACK_HOSTNAME: 'node-1.ws.example.com' }).httpFallbackHostname,
    ).toBe('node-1.ws.example.com');
    expect(
      resolve({ httpFallbackHostname: 'node-2' }, { HERALD_HTTP_FALLBACK_HOSTNAME: 'node-1' })
        .httpFallbackHostname,
    ).toBe('node-2');
  });

  it('refuses a name with a port, naming the flag', () => {
    expect(() => resolve({ httpFallbackHostname: 'node-1:6001' })).toThrow(
      /--http-fallback-hostname must be a bare host name/,
    );
  });
});

describe('TLS settings', () => {
  it('takes the certificate and key paths from flags', () => {
    expect(resolve({ tlsCert: 'c.pem', tlsKey: 'k.pem' }).tls).toEqual({
      certPath: 'c.pem',
      keyPath: 'k.pem',
    });
  });

  it('refuses a certificate without a key', () => {
    expect(() => resolve({}, { HERALD_TLS_CERT: 'c.pem' })).toThrow(
      /TLS needs both a certificate and a key/,
    );
  });
});
