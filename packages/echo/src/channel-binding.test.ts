// Channel bindings against a real Herald server, counting subscribe frames and auth requests there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { echoFor } from '../test/echo-harness';
import { AppUnderTest, HeraldUnderTest } from '../test/test-server';
import { waitFor } from '../test/wait-for';
import { createChannelBinding } from './channel-binding';
import { createEchoHolder } from './echo-holder';

describe('ChannelBinding', () => {
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

  /** A later subscription on the same socket: frames sent before it have reached the server. */
  async function barrier(holder: ReturnType<typeof createEchoHolder>, name: string): Promise<void> {
    holder.get().channels.acquire(name);
    await waitFor(() => herald.subscribeCount(name) === 1, { what: name });
  }

  it('creates no echo and subscribes nothing until mounted', () => {
    let created = 0;
    const holder = createEchoHolder(() => {
      created += 1;
      return echoFor(herald, app);
    });
    const binding = createChannelBinding(
      holder,
      { name: 'orders', kind: 'private', events: ['.shipped'] },
      () => {},
    );
    expect(binding.controls.channel()).toBeNull();
    expect(created).toBe(0);
  });

  it('mount, unmount, mount in one tick costs one subscribe and one auth request', async () => {
    const holder = createEchoHolder(echoFor(herald, app));
    const binding = createChannelBinding(
      holder,
      { name: 'orders', kind: 'private', events: ['.shipped'] },
      () => {},
    );
    binding.mount()();
    binding.mount();
    await barrier(holder, 'barrier');
    await waitFor(() => herald.subscribeCount('private-orders') === 1);
    expect(herald.unsubscribeCount('private-orders')).toBe(0);
    expect(app.authRequests('private-orders')).toHaveLength(1);
  });

  it('stopListening and listen toggle delivery without touching the subscription', async () => {
    const holder = createEchoHolder(echoFor(herald, app));
    const got: unknown[] = [];
    const binding = createChannelBinding(
      holder,
      { name: 'news', kind: 'public', events: ['.headline'] },
      (e) => got.push(e),
    );
    binding.mount();
    await waitFor(() => herald.subscribeCount('news') === 1);
    binding.controls.stopListening();
    await herald.api().trigger('news', 'headline', { n: 1 });
    binding.controls.listen();
    await herald.api().trigger('news', 'headline', { n: 2 });
    await waitFor(() => got.length === 1);
    expect(got).toEqual([{ n: 2 }]);
    expect(herald.subscribeCount('news')).toBe(1);
  });

  it("leave() gives back only this holder's share: the other keeps receiving", async () => {
    const holder = createEchoHolder(echoFor(herald, app));
    const gotA: unknown[] = [];
    const gotB: unknown[] = [];
    const a = createChannelBinding(
      holder,
      { name: 'news', kind: 'public', events: ['.headline'] },
      (e) => gotA.push(e),
    );
    const b = createChannelBinding(
      holder,
      { name: 'news', kind: 'public', events: ['.headline'] },
      (e) => gotB.push(e),
    );
    a.mount();
    b.mount();
    await waitFor(() => herald.subscribeCount('news') === 1);
    a.controls.leave();
    expect(a.controls.channel()).toBeNull();
    await herald.api().trigger('news', 'headline', { n: 1 });
    await waitFor(() => gotB.length === 1);
    expect(gotA).toEqual([]);
    expect(herald.unsubscribeCount('news')).toBe(0);
  });

  it('listen() after a leave takes a share again', async () => {
    const holder = createEchoHolder(echoFor(herald, app));
    const got: unknown[] = [];
    const binding = createChannelBinding(
      holder,
      { name: 'news', kind: 'public', events: ['.headline'] },
      (e) => got.push(e),
    );
    binding.mount();
    await waitFor(() => herald.subscribeCount('news') === 1);
    binding.controls.leaveChannel();
    await waitFor(() => herald.unsubscribeCount('news') === 1, { what: 'left' });
    binding.controls.listen();
    await waitFor(() => herald.subscribeCount('news') === 2, { what: 'joined again' });
    await herald.api().trigger('news', 'headline', { n: 1 });
    await waitFor(() => got.length === 1);
  });
});
