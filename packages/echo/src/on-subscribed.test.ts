// onSubscribed against a real Herald server: fires on the first subscription and again after a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { echoFor } from '../test/echo-harness';
import { AppUnderTest, HeraldUnderTest } from '../test/test-server';
import { waitFor } from '../test/wait-for';
import { createEchoHolder } from './echo-holder';
import { onSubscribed } from './on-subscribed';
import { createSubscriptionStatusStore } from './subscription-status';

describe('onSubscribed', () => {
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

  it('fires once subscribed, again after the server restarts, and never after it is stopped', async () => {
    const echo = echoFor(herald, app, { userId: 'alice' });
    const holder = createEchoHolder(echo);
    let fired = 0;
    const stop = onSubscribed(createSubscriptionStatusStore(holder, 'orders'), () => (fired += 1));
    await waitFor(() => fired === 1, { what: 'first subscription' });
    expect(herald.subscribeCount('private-orders')).toBe(1);

    await herald.stop();
    await waitFor(() => echo.status.getSnapshot().state !== 'connected', { what: 'down' });
    expect(fired).toBe(1);
    await herald.start();
    await waitFor(() => fired === 2, { what: 'resubscription' });
    expect(herald.subscribeCount('private-orders')).toBe(2);

    stop();
    await waitFor(() => herald.unsubscribeCount('private-orders') === 1, {
      what: 'channel given back',
    });
    echo.channels.acquire('orders', 'private');
    await waitFor(() => herald.subscribeCount('private-orders') === 3, {
      what: 'subscribed again',
    });
    expect(fired).toBe(2);
  });

  it('fires in a microtask when the channel is already subscribed, and not if stopped before', async () => {
    const echo = echoFor(herald, app, { userId: 'alice' });
    const holder = createEchoHolder(echo);
    echo.channels.acquire('news', 'public');
    await waitFor(() => herald.subscribeCount('news') === 1, { what: 'subscribed' });
    let fired = 0;
    // Stopped at once, as StrictMode's first effect run is: it never fires.
    onSubscribed(createSubscriptionStatusStore(holder, 'news', 'public'), () => (fired += 1))();
    const stop = onSubscribed(
      createSubscriptionStatusStore(holder, 'news', 'public'),
      () => (fired += 1),
    );
    expect(fired).toBe(0);
    await Promise.resolve();
    expect(fired).toBe(1);
    stop();
  });
});
