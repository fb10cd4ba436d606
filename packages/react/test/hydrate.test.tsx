// @vitest-environment jsdom
// Hydration: the server's HTML hydrates without a mismatch, then the echo connects and subscribes.
import { act } from '@testing-library/react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EchoProvider } from '../src/index';
import { echoFor, servers, until, useServers } from '@herald/test-kit/hooks';
import { INITIAL_HTML, Page } from './page';

useServers();

describe('hydration', () => {
  it('hydrates the initial state, then connects, subscribes and renders live state', async () => {
    let created = 0;
    const factory = () => {
      created += 1;
      return echoFor('alice');
    };
    const html = renderToString(
      <EchoProvider echo={factory}>
        <Page />
      </EchoProvider>,
    );
    expect(html).toBe(INITIAL_HTML);
    expect(created).toBe(0);
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const errors: unknown[] = [];
    const got: unknown[] = [];
    let root: Root | undefined;
    act(() => {
      root = hydrateRoot(
        container,
        <EchoProvider echo={factory}>
          <Page onShipped={(e) => got.push(e)} />
        </EchoProvider>,
        { onRecoverableError: (error) => errors.push(error) },
      );
    });
    expect(errors).toEqual([]);
    expect(created).toBe(1);
    await until(
      () =>
        servers.herald.subscribeCount('private-orders') === 1 &&
        servers.herald.subscribeCount('presence-room') === 1,
      'subscribed',
    );
    await until(
      () =>
        container.textContent?.startsWith('connected|') &&
        container.textContent.includes('1|alice'),
      'live state',
    );
    await servers.herald.trigger('private-orders', 'shipped', { id: 1 });
    await until(() => got.length === 1, 'event');
    expect(servers.herald.connections).toBe(1);
    act(() => root?.unmount());
    container.remove();
  });
});
