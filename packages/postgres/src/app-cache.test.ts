import { describe, expect, it, vi } from 'vitest';
import { AppCache } from './app-cache';
import { buildSnapshot, type AppSnapshot } from './app-snapshot';

/** A load the test resolves or rejects by hand. */
function manualLoads() {
  const pending: { resolve(s: AppSnapshot): void; reject(e: Error): void }[] = [];
  return {
    pending,
    load: () => new Promise<AppSnapshot>((resolve, reject) => pending.push({ resolve, reject })),
  };
}

const snapshot = (id: string): AppSnapshot =>
  buildSnapshot(
    [{ id, key: `${id}-key`, secret: 's', enabled: true, options: {} }],
    () => undefined,
  );

function setup() {
  let nowMs = 0;
  const loads = manualLoads();
  const cache = new AppCache({
    load: loads.load,
    clock: { now: () => nowMs },
    ttlMs: 100,
    retryAfterMs: 10,
  });
  return { cache, loads, advance: (ms: number) => (nowMs += ms) };
}

describe('AppCache', () => {
  it('shares one load between lookups made while it runs', async () => {
    const { cache, loads } = setup();
    const lookups = [cache.current(), cache.current(), cache.current()];
    expect(loads.pending).toHaveLength(1);
    loads.pending[0]!.resolve(snapshot('a'));
    const results = await Promise.all(lookups);
    expect(new Set(results).size).toBe(1);
  });

  it('does not count a load as fresh when invalidate() came while it ran', async () => {
    const { cache, loads } = setup();
    const first = cache.current();
    cache.invalidate();
    loads.pending[0]!.resolve(snapshot('old'));
    expect((await first).byId.has('old')).toBe(true);
    const second = cache.current();
    expect(loads.pending).toHaveLength(2);
    loads.pending[1]!.resolve(snapshot('new'));
    expect((await second).byId.has('new')).toBe(true);
  });

  it('serves the old snapshot when a reload fails, and retries after retryAfterMs', async () => {
    const { cache, loads, advance } = setup();
    const first = cache.current();
    loads.pending[0]!.resolve(snapshot('a'));
    const old = await first;
    advance(100);
    const during = cache.current();
    loads.pending[1]!.reject(new Error('down'));
    expect(await during).toBe(old);
    advance(9);
    expect(await cache.current()).toBe(old);
    expect(loads.pending).toHaveLength(2);
    advance(1);
    void cache.current();
    expect(loads.pending).toHaveLength(3);
  });

  it('rejects refresh() when its load fails, even with a snapshot to serve', async () => {
    const { cache, loads } = setup();
    const first = cache.current();
    loads.pending[0]!.resolve(snapshot('a'));
    await first;
    const refresh = cache.refresh();
    await vi.waitFor(() => expect(loads.pending).toHaveLength(2));
    loads.pending[1]!.reject(new Error('down'));
    await expect(refresh).rejects.toThrow('down');
    expect((await cache.current()).byId.has('a')).toBe(true);
  });
});
