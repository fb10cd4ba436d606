import { describe, expect, it } from 'vitest';
import { DEMO_DEVICES, DeviceRegistry } from './device-registry';

const batch = (run: string, ...seqs: number[]) => ({
  run,
  messages: seqs.map((seq) => ({ seq, text: `line ${seq}`, isPriority: false, at: seq })),
  droppedCount: 0,
});

describe('DeviceRegistry', () => {
  it('knows a device by its bearer token, and nobody by a wrong or missing one', () => {
    const registry = new DeviceRegistry(DEMO_DEVICES);
    expect(registry.deviceOf('Bearer demo-token-press-2')?.id).toBe('press-2');
    expect(registry.deviceOf('Bearer demo-token-press-3')).toBeUndefined();
    expect(registry.deviceOf('demo-token-press-2')).toBeUndefined();
    expect(registry.deviceOf(undefined)).toBeUndefined();
  });

  it('keeps a retried batch once: only messages past the last seq are fresh', () => {
    const registry = new DeviceRegistry(DEMO_DEVICES);
    expect(registry.accept('press-1', batch('a', 1, 2)).fresh.map((m) => m.seq)).toEqual([1, 2]);
    expect(registry.accept('press-1', batch('a', 1, 2)).fresh).toEqual([]);
    expect(registry.accept('press-1', batch('a', 2, 3)).fresh.map((m) => m.seq)).toEqual([3]);
    expect(registry.snapshot()[0]!.recent.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('starts counting again for a new run', () => {
    const registry = new DeviceRegistry(DEMO_DEVICES);
    registry.accept('press-1', batch('a', 1, 2, 3));
    const accepted = registry.accept('press-1', batch('b', 1));
    expect(accepted.isNewRun).toBe(true);
    expect(registry.snapshot()[0]!.recent.map((m) => m.seq)).toEqual([1]);
  });

  it('marks devices not heard from since a moment offline, once', () => {
    const registry = new DeviceRegistry(DEMO_DEVICES);
    expect(registry.seen('press-1', 1000)).toBe(true);
    expect(registry.seen('press-1', 2000)).toBe(false);
    expect(registry.sweep(1500)).toEqual([]);
    expect(registry.sweep(2500)).toEqual(['press-1']);
    expect(registry.sweep(2500)).toEqual([]);
    expect(registry.view('press-1').isOnline).toBe(false);
  });
});
