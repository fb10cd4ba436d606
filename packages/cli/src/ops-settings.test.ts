import { Writable } from 'node:stream';
import { defineApp } from '@herald/protocol';
import { describe, expect, it } from 'vitest';
import { resolveSettings, type StartFlags } from './cli-settings';
import { createLogObserver } from './log-observer';
import { createLogger } from './logger';

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
    expect(resolve({}).ops).toEqual({ log: { level: 'info', format: 'json' }, metrics: undefined, webhookUrl: undefined, appsDatabase: undefined });
  });

  it('takes flags over variables over the config file', () => {
    const config = { log: { level: 'warn', format: 'pretty' }, metrics: { enabled: true }, appsDatabase: { url: 'postgres://file/db', cacheTtlMs: 100 } };
    expect(resolve({}, {}, config).ops).toMatchObject({ log: { level: 'warn', format: 'pretty' }, metrics: { port: undefined }, appsDatabase: { url: 'postgres://file/db', cacheTtlMs: 100 } });
    expect(resolve({}, { HERALD_LOG_LEVEL: 'debug', HERALD_METRICS_PORT: '9100' }, config).ops).toMatchObject({ log: { level: 'debug' }, metrics: { port: 9100 } });
    expect(resolve({ logLevel: 'error', appsTable: 't2' }, { HERALD_LOG_LEVEL: 'debug' }, config).ops).toMatchObject({ log: { level: 'error' }, appsDatabase: { table: 't2' } });
  });

  it('reads per-app webhooks from the config file and names a bad one by its place', () => {
    const ok = resolve({}, {}, { apps: [{ ...app, webhooks: [{ url: 'https://h.test/x', eventTypes: ['member_added'] }] }] });
    expect(defineApp(ok.apps[0]!).webhooks).toMatchObject([{ url: 'https://h.test/x', eventTypes: ['member_added'] }]);
    expect(() => resolve({}, {}, { apps: [{ ...app, webhooks: [{ url: 'nope' }] }] })).toThrow('apps[0].webhooks[0].url must be an http(s) URL');
    expect(() => resolve({ webhookUrl: 'ftp://x' })).toThrow('--webhook-url must be an http(s) URL');
    expect(() => resolve({}, {}, { metrics: { port: 'x' } })).toThrow(/metrics.port must be an integer/);
  });
});

describe('log observer', () => {
  it('writes one JSON line per notable event, with ids and codes and never a secret', () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const logger = createLogger({ level: 'info', format: 'json', destination });
    const observer = createLogObserver(logger);
    const resolved = defineApp({ id: 'a', key: 'k', secret: 'top-secret' });
    observer.connectionRejected!({ appKey: 'bad', code: 4001, message: 'App key bad does not exist', remoteAddress: '10.0.0.9' });
    observer.clientError!({ app: resolved, socketId: '1.2', code: 401, message: 'invalid signature' });
    observer.clientError!({ code: 4001, message: 'App key bad does not exist' }); // the rejection above, told again: debug
    observer.messageDropped!({ app: resolved, socketId: '1.2', reason: 'slow-consumer' });
    observer.messageDropped!({ reason: 'bus-unavailable' });
    observer.busStatus!({ status: 'up' });
    observer.connectionOpened!({ app: resolved, socketId: '1.2', remoteAddress: '10.0.0.9' }); // debug: not at info
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r.level, r.event])).toEqual([
      [40, 'connection_rejected'],
      [40, 'client_error'],
      [40, 'message_dropped'],
      [30, 'bus_status'],
    ]);
    expect(records[3]).toMatchObject({ lostWhileDown: 1 });
    expect(lines.join('')).not.toContain('top-secret');
  });
});
