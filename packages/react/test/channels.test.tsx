// @vitest-environment jsdom
// The Echo hooks against a real Herald server and real pusher-js, counting frames and auth requests there.
import { act, render, screen } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { EchoProvider, useChannel, useEcho, useEchoPublic } from '../src/index';
import { barrier, echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

function Orders({
  onShipped,
  label = 'orders',
}: {
  onShipped: (e: { id: number }) => void;
  label?: string;
}) {
  const { leave, stopListening, listen } = useEcho<{ id: number }>('orders', '.shipped', onShipped);
  return (
    <div>
      <button onClick={leave}>leave {label}</button>
      <button onClick={stopListening}>stop {label}</button>
      <button onClick={listen}>listen {label}</button>
    </div>
  );
}

describe('useEcho', () => {
  it('a new callback on each render costs no unsubscribe, no subscribe and no auth request, and the latest is called', async () => {
    const echo = echoFor();
    const calls: string[] = [];
    const ui = (tag: string) => (
      <EchoProvider echo={echo}>
        <Orders onShipped={(e) => calls.push(`${tag}:${e.id}`)} />
      </EchoProvider>
    );
    const { rerender } = render(ui('first'));
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    rerender(ui('second'));
    rerender(ui('third'));
    await barrier(echo);
    expect(servers.herald.subscribeCount('private-orders')).toBe(1);
    expect(servers.herald.unsubscribeCount('private-orders')).toBe(0);
    expect(servers.auth.authRequests('private-orders')).toBe(1);
    await servers.herald.trigger('private-orders', 'shipped', { id: 1 });
    await until(() => calls.length === 1, 'event');
    expect(calls).toEqual(['third:1']);
  });

  it('StrictMode mount-unmount-mount costs one subscribe and one auth request, and the listener survives once', async () => {
    const echo = echoFor();
    const calls: number[] = [];
    render(
      <StrictMode>
        <EchoProvider echo={echo}>
          <Orders onShipped={(e) => calls.push(e.id)} />
        </EchoProvider>
      </StrictMode>,
    );
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    await barrier(echo);
    expect(servers.herald.subscribeCount('private-orders')).toBe(1);
    expect(servers.herald.unsubscribeCount('private-orders')).toBe(0);
    expect(servers.auth.authRequests('private-orders')).toBe(1);
    await servers.herald.trigger('private-orders', 'shipped', { id: 7 });
    await servers.herald.trigger('private-orders', 'shipped', { id: 8 });
    await until(() => calls.length >= 2, 'events');
    expect(calls).toEqual([7, 8]);
  });

  it("two components share one subscription; unmounting one keeps the other's listener", async () => {
    const echo = echoFor();
    const a: number[] = [];
    const b: number[] = [];
    function Page({ showA }: { showA: boolean }) {
      return (
        <EchoProvider echo={echo}>
          {showA && <Orders onShipped={(e) => a.push(e.id)} label="a" />}
          <Orders onShipped={(e) => b.push(e.id)} label="b" />
        </EchoProvider>
      );
    }
    const { rerender } = render(<Page showA />);
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    rerender(<Page showA={false} />);
    await barrier(echo);
    expect(servers.herald.unsubscribeCount('private-orders')).toBe(0);
    expect(servers.herald.subscribeCount('private-orders')).toBe(1);
    expect(servers.auth.authRequests('private-orders')).toBe(1);
    await servers.herald.trigger('private-orders', 'shipped', { id: 1 });
    await until(() => b.length === 1, 'b receives');
    expect(a).toEqual([]);
  });

  it('leave() from one component does not silence the other; the last one out leaves the channel', async () => {
    const echo = echoFor();
    const a: number[] = [];
    const b: number[] = [];
    render(
      <EchoProvider echo={echo}>
        <Orders onShipped={(e) => a.push(e.id)} label="a" />
        <Orders onShipped={(e) => b.push(e.id)} label="b" />
      </EchoProvider>,
    );
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    act(() => screen.getByText('leave a').click());
    await barrier(echo);
    expect(servers.herald.unsubscribeCount('private-orders')).toBe(0);
    await servers.herald.trigger('private-orders', 'shipped', { id: 1 });
    await until(() => b.length === 1, 'b still receives');
    expect(a).toEqual([]);
    act(() => screen.getByText('leave b').click());
    await until(() => servers.herald.unsubscribeCount('private-orders') === 1, 'channel left');
  });

  it('stopListening() and listen() toggle only this component', async () => {
    const echo = echoFor();
    const a: number[] = [];
    const b: number[] = [];
    render(
      <EchoProvider echo={echo}>
        <Orders onShipped={(e) => a.push(e.id)} label="a" />
        <Orders onShipped={(e) => b.push(e.id)} label="b" />
      </EchoProvider>,
    );
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    act(() => screen.getByText('stop a').click());
    await servers.herald.trigger('private-orders', 'shipped', { id: 1 });
    await until(() => b.length === 1, 'b receives');
    act(() => screen.getByText('listen a').click());
    await servers.herald.trigger('private-orders', 'shipped', { id: 2 });
    await until(() => a.length === 1 && b.length === 2, 'both receive');
    expect(a).toEqual([2]);
  });

  it('changing the channel name leaves the old channel and joins the new one', async () => {
    const echo = echoFor();
    function Room({ id }: { id: number }) {
      useEchoPublic(`room.${id}`, '.message');
      return null;
    }
    const { rerender } = render(
      <EchoProvider echo={echo}>
        <Room id={1} />
      </EchoProvider>,
    );
    await until(() => servers.herald.subscribeCount('room.1') === 1, 'room 1');
    rerender(
      <EchoProvider echo={echo}>
        <Room id={2} />
      </EchoProvider>,
    );
    await until(
      () =>
        servers.herald.subscribeCount('room.2') === 1 &&
        servers.herald.unsubscribeCount('room.1') === 1,
      'room 2',
    );
  });
});

describe('useChannel', () => {
  it('exposes the upstream laravel-echo channel once mounted', async () => {
    const echo = echoFor();
    const seen: unknown[] = [];
    function Feed() {
      const { channel } = useChannel('feed', 'public');
      const [, force] = useState(0);
      return (
        <button
          onClick={() => {
            seen.push(channel());
            force((n) => n + 1);
          }}
        >
          read
        </button>
      );
    }
    render(
      <EchoProvider echo={echo}>
        <Feed />
      </EchoProvider>,
    );
    act(() => screen.getByText('read').click());
    expect(seen[0]).toBe(echo.echo.connector.channels.feed);
    await until(() => servers.herald.subscribeCount('feed') === 1, 'subscribed');
  });
});
