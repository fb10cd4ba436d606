import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { echoFor } from './echo-harness';
import { AppUnderTest, HeraldUnderTest } from './test-server';
import { waitFor } from './wait-for';
import { WebSocketBlockingProxy } from './websocket-blocking-proxy';

// pusher-js starts its HTTP fallback 5 s into an attempt without TLS (after ws, then wss at 2 s).
const FALLBACK_WAIT = { timeoutMs: 12_000, what: 'connected over the HTTP fallback' };

describe('HTTP fallback behind a proxy that refuses WebSocket, against a real Herald server', () => {
  let herald: HeraldUnderTest;
  let app: AppUnderTest;
  let proxy: WebSocketBlockingProxy;
  beforeEach(async () => {
    herald = new HeraldUnderTest();
    await herald.start();
    app = new AppUnderTest(herald);
    await app.start();
    proxy = new WebSocketBlockingProxy(() => herald.port);
    await proxy.start();
  });
  afterEach(async () => {
    await proxy.stop();
    await app.stop();
    await herald.stop();
  });

  it('connects over xhr_streaming by default and reports it as the transport', async () => {
    const echo = echoFor(herald, app, { port: proxy.port, attemptTimeoutMs: 10_000 });
    const status = await waitFor(() => {
      const s = echo.status.getSnapshot();
      return s.state === 'connected' ? s : undefined;
    }, FALLBACK_WAIT);
    expect(status.transport).toBe('xhr_streaming');
    expect(status.socketId).toMatch(/^\d+\.\d+$/);
    expect(proxy.upgradesRefused).toBeGreaterThan(0);
    expect(proxy.fallbackPaths()[0]).toMatch(/^\/pusher\/app\/echo-key\/\d+\/\w+\/xhr_streaming\?/);
  }, 15_000);

  it('receives server events and exchanges whispers with a WebSocket client', async () => {
    const http = echoFor(herald, app, { port: proxy.port, attemptTimeoutMs: 10_000 });
    const ws = echoFor(herald, app);
    await waitFor(() => http.status.getSnapshot().state === 'connected', FALLBACK_WAIT);

    const received: unknown[] = [];
    const httpOrders = http.channels.acquire('orders', 'private');
    httpOrders.listen('.order.shipped', (e) => received.push(e));
    const wsOrders = ws.channels.acquire('orders', 'private');
    await waitFor(() => herald.subscribeCount('private-orders') === 2, { what: 'both subscribed' });

    await herald.api().trigger('private-orders', 'order.shipped', { id: 7 });
    await waitFor(() => received.length === 1, { what: 'the event over xhr_streaming' });
    expect(received).toEqual([{ id: 7 }]);

    const atWs: unknown[] = [];
    wsOrders.listenForWhisper('typing', (e) => atWs.push(e));
    const atHttp: unknown[] = [];
    httpOrders.listenForWhisper('typing', (e) => atHttp.push(e));
    expect(httpOrders.whisper('typing', { from: 'http' })).toBe('sent');
    await waitFor(() => atWs.length === 1, { what: 'the whisper sent over xhr_send' });
    expect(wsOrders.whisper('typing', { from: 'ws' })).toBe('sent');
    await waitFor(() => atHttp.length === 1, { what: 'the whisper received over xhr_streaming' });
    expect([atWs, atHttp]).toEqual([[{ from: 'http' }], [{ from: 'ws' }]]);
  }, 20_000);

  it('connects over xhr_polling when streaming is disabled too', async () => {
    const echo = echoFor(herald, app, {
      port: proxy.port,
      attemptTimeoutMs: 10_000,
      pusherOptions: { disabledTransports: ['xhr_streaming'] },
    });
    await waitFor(() => echo.status.getSnapshot().state === 'connected', FALLBACK_WAIT);
    expect(echo.status.getSnapshot().transport).toBe('xhr_polling');
    const received: unknown[] = [];
    echo.channels.acquire('news').listen('.headline', (e) => received.push(e));
    await waitFor(() => herald.subscribeCount('news') === 1, { what: 'subscribed over polling' });
    await herald.api().trigger('news', 'headline', { n: 1 });
    await waitFor(() => received.length === 1, { what: 'the event over xhr_polling' });
  }, 15_000);

  it('never leaves WebSocket with httpFallback: false, and retries quickly', async () => {
    const echo = echoFor(herald, app, { port: proxy.port, httpFallback: false });
    // Each refused upgrade fails its attempt at once; retries come after the test's 50-200 ms backoff.
    await waitFor(() => echo.status.getSnapshot().attempt >= 3, { what: 'three failed attempts' });
    expect(echo.status.getSnapshot().state).toBe('connecting');
    expect(proxy.fallbackPaths()).toEqual([]);
    expect(echo.pusher.config.enabledTransports).toEqual(['ws', 'wss']);
  });
});

describe('HTTP fallback settings', () => {
  it('points the HTTP transports at the WebSocket host, ports and the server path', () => {
    const herald = new HeraldUnderTest();
    const echo = echoFor(herald, undefined, {
      host: 'herald.example',
      port: 6001,
      httpPath: '/fallback',
      watchNetwork: false,
    });
    echo.disconnect();
    expect(echo.pusher.config).toMatchObject({
      httpHost: 'herald.example',
      httpPort: 6001,
      httpsPort: 6001,
      httpPath: '/fallback',
      enabledTransports: ['ws', 'wss', 'xhr_streaming', 'xhr_polling'],
    });
  });
});
