import { Writable } from 'node:stream';
import { defineApp, ErrorCode } from '@herald/protocol';
import { ManualClock } from '@herald/protocol/testing';
import { describe, expect, it } from 'vitest';
import { createLogObserver } from './log-observer';
import { createLogger } from './logger';

const INTERVAL_MS = 10_000;

/** A log observer writing JSON to memory at `level`, on a manual clock. */
function observe(level: 'info' | 'debug' = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()),
  });
  const clock = new ManualClock();
  const logs = createLogObserver(createLogger({ level, format: 'json', destination }), {
    clock,
    repeatIntervalMs: INTERVAL_MS,
  });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { observer: logs.observer, flush: logs.flush, clock, records };
}

const app = defineApp({ id: 'a', key: 'k', secret: 'top-secret' });
const other = defineApp({ id: 'b', key: 'k2', secret: 'other-secret' });

describe('createLogObserver', () => {
  it('writes one JSON line per notable event, with ids and codes and never a secret', () => {
    const { observer, records } = observe();
    observer.connectionRejected!({
      appKey: 'bad',
      code: 4001,
      message: 'App key bad does not exist',
      remoteAddress: '10.0.0.9',
    });
    observer.clientError!({ app, socketId: '1.2', code: 401, message: 'invalid signature' });
    observer.clientError!({ code: 4001, message: 'App key bad does not exist' }); // the rejection above, told again: debug
    observer.messageDropped!({ app, socketId: '1.2', reason: 'slow-consumer' });
    observer.messageDropped!({ reason: 'bus-unavailable' });
    observer.busStatus!({ status: 'up' });
    observer.connectionOpened!({
      app,
      socketId: '1.2',
      remoteAddress: '10.0.0.9',
      transport: 'ws',
    }); // debug: not at info
    expect(records().map((r) => [r.level, r.event])).toEqual([
      [40, 'connection_rejected'],
      [40, 'client_error'],
      [40, 'message_dropped'],
      [30, 'bus_status'],
    ]);
    expect(records()[3]).toMatchObject({ lostWhileDown: 1 });
    expect(JSON.stringify(records())).not.toContain('top-secret');
  });

  it('logs 10,000 badly signed requests as the first at once, then one line per interval with the count', () => {
    const { observer, clock, records } = observe();
    const refuse = () =>
      observer.apiRequest!({ app, method: 'POST', path: '/apps/a/events', status: 401 });
    for (let i = 0; i < 5000; i++) refuse();
    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({
      level: 40,
      event: 'api_request',
      appId: 'a',
      status: 401,
    });
    clock.advance(INTERVAL_MS);
    for (let i = 0; i < 5000; i++) refuse();
    clock.advance(INTERVAL_MS);
    expect(records()).toHaveLength(3);
    expect(records().slice(1)).toMatchObject([
      {
        level: 40,
        event: 'api_request',
        appId: 'a',
        status: 401,
        repeated: 4999,
        intervalMs: INTERVAL_MS,
      },
      {
        level: 40,
        event: 'api_request',
        appId: 'a',
        status: 401,
        repeated: 5000,
        intervalMs: INTERVAL_MS,
      },
    ]);
    expect(records()[1]!.msg).toMatch(/repeated 4999 more times within 10 s/);
  });

  it('logs the next refusal at once after a quiet interval', () => {
    const { observer, clock, records } = observe();
    const refuse = () =>
      observer.apiRequest!({ app, method: 'POST', path: '/apps/a/events', status: 401 });
    refuse();
    clock.advance(INTERVAL_MS);
    refuse();
    expect(records()).toMatchObject([{ status: 401 }, { status: 401 }]);
    expect(records()[1]).not.toHaveProperty('repeated');
  });

  it('keeps apps and reasons apart', () => {
    const { observer, clock, records } = observe();
    for (let i = 0; i < 10; i++) {
      observer.apiRequest!({ app, method: 'POST', path: '/apps/a/events', status: 401 });
      observer.apiRequest!({ app: other, method: 'POST', path: '/apps/b/events', status: 401 });
      observer.apiRequest!({ app, method: 'POST', path: '/apps/a/events', status: 429 });
    }
    expect(records().map((r) => [r.appId, r.status])).toEqual([
      ['a', 401],
      ['b', 401],
      ['a', 429],
    ]);
    clock.advance(INTERVAL_MS);
    expect(
      records()
        .slice(3)
        .map((r) => [r.appId, r.status, r.repeated]),
    ).toEqual([
      ['a', 401, 9],
      ['b', 401, 9],
      ['a', 429, 9],
    ]);
  });

  it('aggregates per-message client errors and drops of one socket flooding invalid frames', () => {
    const { observer, clock, records } = observe();
    for (let i = 0; i < 1000; i++) {
      observer.clientError!({
        app,
        socketId: '1.2',
        code: ErrorCode.InvalidMessage,
        message: 'Invalid message: not JSON',
      });
      observer.messageDropped!({ app, socketId: '1.2', reason: 'invalid-message' });
    }
    clock.advance(INTERVAL_MS);
    expect(records().map((r) => [r.event, r.repeated])).toEqual([
      ['client_error', undefined],
      ['message_dropped', undefined],
      ['client_error', 999],
      ['message_dropped', 999],
    ]);
  });

  it('counts connections refused for made-up app keys as one kind, whatever the key', () => {
    const { observer, flush, records } = observe();
    for (let i = 0; i < 500; i++) {
      observer.connectionRejected!({
        appKey: `made-up-${i}`,
        code: 4001,
        message: `App key made-up-${i} does not exist`,
        remoteAddress: '10.0.0.9',
      });
    }
    flush();
    expect(records().map((r) => [r.event, r.code, r.repeated])).toEqual([
      ['connection_rejected', 4001, undefined],
      ['connection_rejected', 4001, 499],
    ]);
  });

  it('writes counts still pending on flush, and nothing more afterwards', () => {
    const { observer, flush, clock, records } = observe();
    for (let i = 0; i < 3; i++)
      observer.clientError!({ app, socketId: '1.2', code: 403, message: 'forbidden' });
    flush();
    clock.advance(INTERVAL_MS * 3);
    expect(records().map((r) => r.repeated)).toEqual([undefined, 2]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('logs the 4200 a drain sends each client at debug only, and /ready answering 503 too', () => {
    const info = observe('info');
    info.observer.clientError!({
      app,
      socketId: '1.2',
      code: 4200,
      message: 'Server is restarting',
    });
    info.observer.apiRequest!({ method: 'GET', path: '/ready', status: 503 });
    expect(info.records()).toEqual([]);
    const debug = observe('debug');
    debug.observer.clientError!({
      app,
      socketId: '1.2',
      code: 4200,
      message: 'Server is restarting',
    });
    expect(debug.records()).toMatchObject([{ level: 20, event: 'client_error', code: 4200 }]);
  });
});
