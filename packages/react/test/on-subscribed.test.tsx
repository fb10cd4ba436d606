// @vitest-environment jsdom
// useOnSubscribed against a real Herald server: fires on the first subscription and after each restart.
import { render } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { EchoProvider, useOnSubscribed } from '../src/index';
import { barrier, echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

function Refetcher({ onSubscribed }: { onSubscribed: () => void }) {
  useOnSubscribed('orders', onSubscribed);
  return null;
}

/** Stops the server until `echo` notices, then starts it again on the same port. */
async function restart(echo: ReturnType<typeof echoFor>): Promise<void> {
  await servers.herald.stop();
  await until(() => echo.status.getSnapshot().state !== 'connected', 'connection down');
  await servers.herald.start();
}

describe('useOnSubscribed', () => {
  it('under StrictMode fires once subscribed, again after a server restart, and not after unmount', async () => {
    const herald = echoFor('alice');
    const fired: string[] = [];
    const view = render(
      <StrictMode>
        <EchoProvider echo={herald}>
          <Refetcher onSubscribed={() => fired.push(herald.socketId() ?? '-')} />
        </EchoProvider>
      </StrictMode>,
    );
    await until(() => fired.length === 1, 'first subscription');
    expect(servers.herald.subscribeCount('private-orders')).toBe(1);
    expect(fired).toEqual([herald.socketId()]);

    await restart(herald);
    await until(() => fired.length === 2, 'resubscription');
    expect(servers.herald.subscribeCount('private-orders')).toBe(2);
    // A new socket: the callback ran for the resubscription, not again for the old one.
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

  it('calls the latest callback, without resubscribing when it changes', async () => {
    const herald = echoFor('alice');
    const fired: string[] = [];
    const view = render(
      <EchoProvider echo={herald}>
        <Refetcher onSubscribed={() => fired.push('first')} />
      </EchoProvider>,
    );
    await until(() => fired.length === 1, 'first subscription');
    view.rerender(
      <EchoProvider echo={herald}>
        <Refetcher onSubscribed={() => fired.push('second')} />
      </EchoProvider>,
    );
    await barrier(herald);
    expect(servers.herald.unsubscribeCount('private-orders')).toBe(0);
    await restart(herald);
    await until(() => fired.length === 2, 'resubscription');
    expect(fired).toEqual(['first', 'second']);
    expect(servers.herald.subscribeCount('private-orders')).toBe(2);
  });

  it('fires once when mounted under StrictMode on a channel another component already holds live', async () => {
    const herald = echoFor('alice');
    herald.channels.acquire('orders', 'private');
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    let fired = 0;
    render(
      <StrictMode>
        <EchoProvider echo={herald}>
          <Refetcher onSubscribed={() => (fired += 1)} />
        </EchoProvider>
      </StrictMode>,
    );
    await until(() => fired > 0, 'fired');
    await barrier(herald);
    expect(fired).toBe(1);
    expect(servers.herald.subscribeCount('private-orders')).toBe(1);
    expect(servers.auth.authRequests('private-orders')).toBe(1);
  });
});
