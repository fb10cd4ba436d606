// Server rendering: every composable renders its initial state with no window or document and no connection.
import { renderToString } from '@vue/server-renderer';
import { afterEach, describe, expect, it } from 'vitest';
import { createSSRApp } from 'vue';
import { configureEcho, createEchoPlugin } from '../src/index';
import { echoFor, laravelOptions, servers, useServers } from '@herald/test-kit/hooks';
import { INITIAL_HTML, Page } from './page';

useServers();

/** Records every read of `window` and `document` while `fn` runs. */
async function watchGlobals<T>(fn: () => Promise<T>): Promise<{ result: T; touched: string[] }> {
  const touched: string[] = [];
  for (const name of ['window', 'document']) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get: () => {
        touched.push(name);
        return undefined;
      },
    });
  }
  try {
    return { result: await fn(), touched };
  } finally {
    delete (globalThis as Record<string, unknown>).window;
    delete (globalThis as Record<string, unknown>).document;
  }
}

describe('server rendering', () => {
  afterEach(() => {
    expect(typeof window).toBe('undefined');
  });

  it('renders the initial state through configureEcho without creating the echo or touching window', async () => {
    configureEcho(laravelOptions());
    // Created outside the watch: Vue's own devtools hook looks for window once per renderer.
    const app = createSSRApp(Page);
    const { result: html, touched } = await watchGlobals(() => renderToString(app));
    expect(html).toBe(INITIAL_HTML);
    expect(touched).toEqual([]);
    // A connection opened while rendering would reach the server before this one.
    const probe = echoFor();
    await new Promise<void>((resolve) =>
      probe.status.subscribe(() => probe.status.getSnapshot().state === 'connected' && resolve()),
    );
    expect(servers.herald.connections).toBe(1);
  });

  it('never calls a plugin factory while rendering', async () => {
    let created = 0;
    const app = createSSRApp(Page).use(
      createEchoPlugin(() => {
        created += 1;
        return echoFor();
      }),
    );
    const { result: html, touched } = await watchGlobals(() => renderToString(app));
    expect(html).toBe(INITIAL_HTML);
    expect(touched).toEqual([]);
    expect(created).toBe(0);
  });
});
