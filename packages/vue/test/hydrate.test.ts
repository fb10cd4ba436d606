// @vitest-environment jsdom
// Hydration: the server's HTML hydrates without a mismatch, then the echo connects and subscribes.
import { renderToString } from '@vue/server-renderer';
import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { createEchoPlugin } from '../src/index';
import { echoFor, servers, until, useServers } from '@herald/test-kit/hooks';
import { INITIAL_HTML, Page } from './page';

useServers();

describe('hydration', () => {
  it('hydrates the initial state, then connects, subscribes and renders live state', async () => {
    let created = 0;
    const plugin = createEchoPlugin(() => {
      created += 1;
      return echoFor('alice');
    });
    const html = await renderToString(createSSRApp(Page).use(plugin));
    expect(html).toBe(INITIAL_HTML);
    expect(created).toBe(0);
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const warnings: string[] = [];
    const got: unknown[] = [];
    const app = createSSRApp({
      render: () => h(Page, { onShipped: (e: unknown) => got.push(e) }),
    }).use(plugin);
    app.config.warnHandler = (message) => warnings.push(message);
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      app.mount(container);
    } finally {
      console.error = originalError;
    }
    expect(warnings).toEqual([]);
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
    await until(() => container.textContent?.endsWith('0|subscribed|1'), 'orders subscribed once');
    await servers.herald.trigger('private-orders', 'shipped', { id: 1 });
    await until(() => got.length === 1, 'event');
    expect(servers.herald.connections).toBe(1);
    app.unmount();
    container.remove();
  });
});
