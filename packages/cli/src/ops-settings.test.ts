import { defineApp } from '@herald/protocol';
import { describe, expect, it } from 'vitest';
import { resolveSettings, type StartFlags } from './cli-settings';

function resolve(flags: StartFlags, env: Record<string, string> = {}, config?: unknown) {
  return resolveSettings({
    flags: config === undefined ? flags : { config: 'c.json', ...flags },
    env,
    readFile: () => JSON.stringify(config),
  });
}

const app = { id: 'a', key: 'k', secret: 's' };

describe('operations settings', () => {
  it('defaults to JSON info logs, no metrics, no webhooks, no apps database', () => {
    expect(resolve({}).ops).toEqual({
      log: { level: 'info', format: 'json' },
      metrics: undefined,
      webhookUrl: undefined,
      appsDatabase: undefined,
    });
  });

  it('takes flags over variables over the config file', () => {
    const config = {
      log: { level: 'warn', format: 'pretty' },
      metrics: { enabled: true },
      appsDatabase: { url: 'postgres://file/db', cacheTtlMs: 100 },
    };
    expect(resolve({}, {}, config).ops).toMatchObject({
      log: { level: 'warn', format: 'pretty' },
      metrics: { port: undefined },
      appsDatabase: { url: 'postgres://file/db', cacheTtlMs: 100 },
    });
    expect(
      resolve({}, { HERALD_LOG_LEVEL: 'debug', HERALD_METRICS_PORT: '9100' }, config).ops,
    ).toMatchObject({ log: { level: 'debug' }, metrics: { port: 9100 } });
    expect(
      resolve({ logLevel: 'error', appsTable: 't2' }, { HERALD_LOG_LEVEL: 'debug' }, config).ops,
    ).toMatchObject({ log: { level: 'error' }, appsDatabase: { table: 't2' } });
  });

  it('reads per-app webhooks from the config file and names a bad one by its place', () => {
    const ok = resolve(
      {},
      {},
      { apps: [{ ...app, webhooks: [{ url: 'https://h.test/x', eventTypes: ['member_added'] }] }] },
    );
    expect(defineApp(ok.apps[0]!).webhooks).toMatchObject([
      { url: 'https://h.test/x', eventTypes: ['member_added'] },
    ]);
    expect(() => resolve({}, {}, { apps: [{ ...app, webhooks: [{ url: 'nope' }] }] })).toThrow(
      'apps[0].webhooks[0].url must be an http(s) URL',
    );
    expect(() => resolve({ webhookUrl: 'ftp://x' })).toThrow(
      '--webhook-url must be an http(s) URL',
    );
    expect(() => resolve({}, {}, { metrics: { port: 'x' } })).toThrow(
      /metrics.port must be an integer/,
    );
  });
});
