// Server rendering: every hook renders its initial state with no window or document and no connection.
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { configureEcho, EchoProvider } from '../src/index';
import { echoFor, laravelOptions, servers, useServers } from '@herald/test-kit/hooks';
import { INITIAL_HTML, Page } from './page';

useServers();

/** Records every read of `window` and `document` while `fn` runs. */
function watchGlobals<T>(fn: () => T): { result: T; touched: string[] } {
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
    return { result: fn(), touched };
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
    const { result: html, touched } = watchGlobals(() => renderToString(<Page />));
    expect(html).toBe(INITIAL_HTML);
    expect(touched).toEqual([]);
    // A connection opened while rendering would reach the server before this one.
    const probe = echoFor();
    await new Promise<void>((resolve) =>
      probe.status.subscribe(() => probe.status.getSnapshot().state === 'connected' && resolve()),
    );
    expect(servers.herald.connections).toBe(1);
  });

  it('never calls an EchoProvider factory while rendering', () => {
    let created = 0;
    const { result: html, touched } = watchGlobals(() =>
      renderToString(
        <EchoProvider
          echo={() => {
            created += 1;
            return echoFor();
          }}
        >
          <Page />
        </EchoProvider>,
      ),
    );
    expect(html).toBe(INITIAL_HTML);
    expect(touched).toEqual([]);
    expect(created).toBe(0);
  });
});
