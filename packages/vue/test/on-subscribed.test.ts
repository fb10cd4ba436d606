// @vitest-environment jsdom
// useOnSubscribed against a real Herald server: fires on the first subscription and after each restart.
import type { HeraldEcho } from '@herald/echo';
import { render } from '@testing-library/vue';
import { describe, expect, it } from 'vitest';
import { defineComponent, type PropType } from 'vue';
import { createEchoPlugin, useOnSubscribed } from '../src/index';
import { barrier, echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

const Refetcher = defineComponent({
  props: { onSubscribed: { type: Function as PropType<() => void>, required: true } },
  setup(props) {
    useOnSubscribed('orders', () => props.onSubscribed());
    return () => null;
  },
});

const withEcho = (echo: HeraldEcho) => ({ global: { plugins: [createEchoPlugin(echo)] } });

/** Stops the server until `echo` notices, then starts it again on the same port. */
async function restart(echo: HeraldEcho): Promise<void> {
  await servers.herald.stop();
  await until(() => echo.status.getSnapshot().state !== 'connected', 'connection down');
  await servers.herald.start();
}

describe('useOnSubscribed', () => {
  it('fires once subscribed, again after a server restart, and not after unmount', async () => {
    const herald = echoFor('alice');
    const fired: string[] = [];
    const view = render(Refetcher, {
      props: { onSubscribed: () => fired.push(herald.socketId() ?? '-') },
      ...withEcho(herald),
    });
    await until(() => fired.length === 1, 'first subscription');
    expect(servers.herald.subscribeCount('private-orders')).toBe(1);
    expect(fired).toEqual([herald.socketId()]);

    await restart(herald);
    await until(() => fired.length === 2, 'resubscription');
    expect(servers.herald.subscribeCount('private-orders')).toBe(2);
    expect(fired[1]).toBe(herald.socketId());
    expect(fired[1]).not.toBe(fired[0]);

    // The restart's closed socket counted one unsubscribe; unmounting sends the second.
    view.unmount();
    await until(() => servers.herald.unsubscribeCount('private-orders') === 2, 'channel left');
    herald.channels.acquire('orders', 'private');
    await until(() => servers.herald.subscribeCount('private-orders') === 3, 'held elsewhere');
    await restart(herald);
    await until(
      () => servers.herald.subscribeCount('private-orders') === 4,
      'resubscribed elsewhere',
    );
    expect(fired).toHaveLength(2);
  });

  it('fires once when mounted on a channel another component already holds live', async () => {
    const herald = echoFor('alice');
    herald.channels.acquire('orders', 'private');
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    let fired = 0;
    render(Refetcher, { props: { onSubscribed: () => (fired += 1) }, ...withEcho(herald) });
    await until(() => fired > 0, 'fired');
    await barrier(herald);
    expect(fired).toBe(1);
    expect(servers.herald.subscribeCount('private-orders')).toBe(1);
    expect(servers.auth.authRequests('private-orders')).toBe(1);
  });
});
