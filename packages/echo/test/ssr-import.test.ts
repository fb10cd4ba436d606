import { afterEach, describe, expect, it, vi } from 'vitest';

describe('importing @herald/echo', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).window;
    delete (globalThis as Record<string, unknown>).document;
  });

  it('touches no window or document, so server rendering is safe', async () => {
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
    vi.resetModules();
    const mod = await import('../src/index');
    expect(typeof mod.createEcho).toBe('function');
    expect(touched).toEqual([]);
  });
});
