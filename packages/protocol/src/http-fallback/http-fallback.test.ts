// HttpFallback sessions against a real core on a manual clock: queueing, heartbeats, expiry, close.
import { describe, expect, it } from 'vitest';
import { StaticAppProvider } from '../apps/static-app-provider';
import { CoreHarness, flushPromises } from '../testing/core-harness';
import { createHttpFallback, type FallbackAnswer } from './http-fallback';
import type { FallbackReceiver } from './fallback-session';
import type { HttpFallbackOptions } from './http-fallback-options';

const APP = { id: 'app-id', key: 'app-key', secret: 'app-secret' };
const TIMINGS = { heartbeatMs: 1000, sessionTimeoutMs: 5000 };

/** A receive request's response as text, and whether the server ended it. */
class Response implements FallbackReceiver {
  text = '';
  isEnded = false;
  bufferedAmount = 0;
  write(text: string): void {
    this.text += text;
  }
  end(): void {
    this.isEnded = true;
  }
}

function setup(
  options: ConstructorParameters<typeof CoreHarness>[1] = {},
  settings: HttpFallbackOptions = {},
) {
  const core = new CoreHarness(APP, options);
  const fallback = createHttpFallback({
    connections: core.herald.connections,
    apps: new StaticAppProvider([APP]),
    clock: core.clock,
    settings: { ...TIMINGS, ...settings },
  });
  const request = (transport: string, method = 'POST') =>
    fallback.handle({
      method,
      path: `/pusher/app/${APP.key}/7/abcdefgh/${transport}`,
      query: 'protocol=7',
      headers: {},
      remoteAddress: '127.0.0.1',
    });
  /** Opens a receive request; returns its response and the adapter's detach. */
  const receive = async (transport: 'xhr' | 'xhr_streaming') => {
    const answer = await request(transport);
    if (answer.kind !== 'receive') throw new Error(`expected receive, got ${answer.kind}`);
    const response = new Response();
    const detach = answer.attach(response);
    await flushPromises();
    return { response, detach };
  };
  const send = async (messages: unknown[]) => {
    const answer: FallbackAnswer = await request('xhr_send');
    if (answer.kind !== 'send') throw new Error(`expected send, got ${answer.kind}`);
    return answer.handle(JSON.stringify(messages.map((m) => JSON.stringify(m))));
  };
  return { core, fallback, receive, send };
}

describe('HttpFallback', () => {
  it('ends the first poll after the o frame and delivers connection_established on the next', async () => {
    const { receive } = setup();
    const first = await receive('xhr');
    expect(first.response).toMatchObject({ text: 'o\n', isEnded: true });
    first.detach();
    const second = await receive('xhr');
    expect(second.response.isEnded).toBe(true);
    expect(second.response.text).toMatch(/^a\["\{\\"event\\":\\"pusher:connection_established/);
  });

  it("names the node's hostname in the open frame, so pusher-js sends the session there", async () => {
    const { receive } = setup({}, { hostname: 'node-2.ws.example.com' });
    const first = await receive('xhr_streaming');
    expect(first.response.text).toMatch(/^o\{"hostname":"node-2\.ws\.example\.com"\}\n/);
  });

  it('refuses a hostname with a scheme, port or path with a TypeError', () => {
    for (const hostname of ['https://node-1', 'node-1:6001', 'node-1/ws', '']) {
      expect(() => setup({}, { hostname })).toThrow(TypeError);
    }
  });

  it('keeps frames sent between polls and delivers them together in one a frame', async () => {
    const { core, receive, send } = setup();
    (await receive('xhr')).detach();
    (await receive('xhr')).detach();
    await send([{ event: 'pusher:subscribe', data: { channel: 'news' } }]);
    await core.herald.api.trigger('news', 'one', 1);
    await core.herald.api.trigger('news', 'two', 2);
    await flushPromises();
    const poll = await receive('xhr');
    const messages = JSON.parse(poll.response.text.slice(1)) as string[];
    expect(messages.map((m) => (JSON.parse(m) as { event: string }).event)).toEqual([
      'pusher_internal:subscription_succeeded',
      'one',
      'two',
    ]);
  });

  it('answers an idle poll with h after heartbeatMs', async () => {
    const { core, receive } = setup();
    (await receive('xhr')).detach();
    (await receive('xhr')).detach();
    const idle = await receive('xhr');
    expect(idle.response.isEnded).toBe(false);
    core.clock.advance(TIMINGS.heartbeatMs);
    expect(idle.response).toMatchObject({ text: 'h\n', isEnded: true });
  });

  it('writes h on an open stream every heartbeatMs and never ends it', async () => {
    const { core, receive } = setup();
    const stream = await receive('xhr_streaming');
    core.clock.advance(TIMINGS.heartbeatMs * 2);
    expect(stream.response.text.endsWith('h\nh\n')).toBe(true);
    expect(stream.response.isEnded).toBe(false);
  });

  it('closes the connection in the core once no receive request was open for sessionTimeoutMs', async () => {
    const { core, fallback, receive } = setup();
    const stream = await receive('xhr_streaming');
    expect(core.herald.connectionCount).toBe(1);
    stream.detach();
    core.clock.advance(TIMINGS.sessionTimeoutMs - 1);
    expect(core.herald.connectionCount).toBe(1);
    core.clock.advance(1);
    await flushPromises();
    expect(core.herald.connectionCount).toBe(0);
    expect(fallback.sessionCount).toBe(0);
  });

  it('writes c[code,"reason"] and ends the stream when the core closes the session', async () => {
    const { core, receive } = setup();
    const stream = await receive('xhr_streaming');
    await core.herald.close(4200, 'Server shutting down');
    await flushPromises();
    expect(stream.response.text.endsWith('c[4200,"Server shutting down"]\n')).toBe(true);
    expect(stream.response.isEnded).toBe(true);
    expect(core.herald.connectionCount).toBe(0);
  });

  it('counts the queue in bufferedAmount, so the core closes a session nobody reads with 4100', async () => {
    const { core, receive, send } = setup({ maxBufferedBytes: 1024 });
    (await receive('xhr')).detach();
    (await receive('xhr')).detach();
    await send([{ event: 'pusher:subscribe', data: { channel: 'news' } }]);
    for (let i = 0; i < 4; i++) await core.herald.api.trigger('news', 'big', 'x'.repeat(400));
    await flushPromises();
    expect(core.herald.connectionCount).toBe(0);
    const poll = await receive('xhr');
    expect(poll.response.text).toMatch(/c\[4100,"[^"]+"\]\n$/);
  });

  it('answers 400 to a body that is not an array of strings, and 404 once the session is gone', async () => {
    const { core, fallback, receive } = setup();
    (await receive('xhr')).detach();
    const answer = await fallback.handle({
      method: 'POST',
      path: `/pusher/app/${APP.key}/7/abcdefgh/xhr_send`,
      query: '',
      headers: {},
      remoteAddress: '127.0.0.1',
    });
    if (answer.kind !== 'send') throw new Error('expected send');
    expect(answer.handle('{"event":"x"}').status).toBe(400);
    expect(answer.handle('[]').status).toBe(204);
    core.clock.advance(TIMINGS.sessionTimeoutMs);
    const gone = await fallback.handle({
      method: 'POST',
      path: `/pusher/app/${APP.key}/7/abcdefgh/xhr_send`,
      query: '',
      headers: {},
      remoteAddress: '127.0.0.1',
    });
    expect(gone.kind === 'respond' && gone.response.status).toBe(404);
  });
});
