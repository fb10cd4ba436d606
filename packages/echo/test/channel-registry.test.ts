import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { echoFor } from './echo-harness';
import { AppUnderTest, HeraldUnderTest } from './test-server';
import { waitFor } from './wait-for';

describe('reference-counted channels, counted at the server', () => {
  let herald: HeraldUnderTest;
  let app: AppUnderTest;
  beforeEach(async () => {
    herald = new HeraldUnderTest();
    await herald.start();
    app = new AppUnderTest(herald);
    await app.start();
  });
  afterEach(async () => {
    await app.stop();
    await herald.stop();
  });

  it('two holders share one subscribe frame and one auth request', async () => {
    const echo = echoFor(herald, app);
    const a = echo.channels.acquire('orders', 'private');
    const b = echo.channels.acquire('orders', 'private');
    await waitFor(() => herald.subscribeCount('private-orders') === 1);
    expect(echo.channels.refCount('private-orders')).toBe(2);
    a.release();
    // A barrier: a later subscription on the same socket, after any unsubscribe frame would be.
    echo.channels.acquire('barrier', 'private');
    await waitFor(() => herald.subscribeCount('private-barrier') === 1);
    expect(herald.unsubscribeCount('private-orders')).toBe(0);
    expect(app.authRequests('private-orders')).toHaveLength(1);
    b.release();
    await waitFor(() => herald.unsubscribeCount('private-orders') === 1, {
      what: 'last release leaves',
    });
    expect(echo.channels.refCount('private-orders')).toBe(0);
  });

  it('release then acquire in the same tick (StrictMode) costs no unsubscribe and no new auth', async () => {
    const echo = echoFor(herald, app);
    const first = echo.channels.acquire('orders', 'private');
    await waitFor(() => herald.subscribeCount('private-orders') === 1);
    first.release();
    const second = echo.channels.acquire('orders', 'private');
    echo.channels.acquire('barrier', 'private');
    await waitFor(() => herald.subscribeCount('private-barrier') === 1);
    await waitFor(() => app.authRequests('private-barrier').length === 1);
    expect(herald.unsubscribeCount('private-orders')).toBe(0);
    expect(herald.subscribeCount('private-orders')).toBe(1);
    expect(app.authRequests('private-orders')).toHaveLength(1);
    expect(second.name).toBe('private-orders');
  });

  it("a released lease stops its own listeners but not the other holder's", async () => {
    const echo = echoFor(herald, app);
    const gotA: unknown[] = [];
    const gotB: unknown[] = [];
    const a = echo.channels.acquire('news').listen('.headline', (e) => gotA.push(e));
    echo.channels.acquire('news').listen('.headline', (e) => gotB.push(e));
    await waitFor(() => herald.subscribeCount('news') === 1);
    a.release();
    await herald.api().trigger('news', 'headline', { n: 1 });
    await waitFor(() => gotB.length === 1);
    expect(gotA).toEqual([]);
  });

  it('retries auth once after refresh on 401, calling the headers provider per request', async () => {
    app.validToken = 'old';
    let token = 'expired';
    let refreshes = 0;
    const echo = echoFor(herald, app, {
      auth: {
        endpoint: `${app.url}/broadcasting/auth`,
        getHeaders: () => ({ Authorization: `Bearer ${token}` }),
        refresh: () => {
          refreshes += 1;
          token = 'old';
        },
      },
    });
    echo.channels.acquire('orders', 'private');
    await waitFor(() => herald.subscribeCount('private-orders') === 1, {
      what: 'subscribed after refresh',
    });
    expect(refreshes).toBe(1);
    expect(app.authRequests('private-orders').map((r) => r.headers.authorization)).toEqual([
      'Bearer expired',
      'Bearer old',
    ]);
  });

  it('reports a subscription error when auth still fails after the one retry', async () => {
    app.validToken = 'never';
    const echo = echoFor(herald, app, {
      auth: { endpoint: `${app.url}/broadcasting/auth`, refresh: () => {} },
    });
    const errors: unknown[] = [];
    const lease = echo.channels.acquire('orders', 'private');
    (lease.channel as unknown as { error(cb: (e: unknown) => void): void }).error((e) =>
      errors.push(e),
    );
    await waitFor(() => errors.length === 1, { what: 'subscription error' });
    expect(errors[0]).toMatchObject({ type: 'AuthError', error: expect.stringContaining('401') });
    expect(app.authRequests('private-orders')).toHaveLength(2);
    expect(herald.subscribeCount('private-orders')).toBe(0);
  });
});
