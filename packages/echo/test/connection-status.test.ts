import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { echoFor } from './echo-harness';
import { HeraldUnderTest } from './test-server';
import { ManualClock } from './manual-clock';
import { waitFor } from './wait-for';

describe('connection status against a real Herald server', () => {
  let herald: HeraldUnderTest;
  beforeEach(async () => {
    herald = new HeraldUnderTest();
    await herald.start();
  });
  afterEach(async () => {
    await herald.stop();
  });

  it('reports connected with the socket id, the transport and a measured latency', async () => {
    const echo = echoFor(herald, undefined);
    const status = await waitFor(() => {
      const s = echo.status.getSnapshot();
      return s.state === 'connected' && s.latencyMs !== null ? s : undefined;
    });
    expect(status.socketId).toMatch(/^\d+\.\d+$/);
    expect(echo.socketId()).toBe(status.socketId);
    expect(status.transport).toBe('ws');
    expect(status.attempt).toBe(0);
    expect(status.downSince).toBeNull();
    expect(status.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('leaves no timer of its own after disconnect(), and none after dispose()', async () => {
    const clock = new ManualClock();
    const echo = echoFor(herald, undefined, { clock, latencyProbeIntervalMs: 30_000 });
    await waitFor(() => echo.status.getSnapshot().state === 'connected');
    // The latency probe's next ping is pending while connected.
    expect(clock.pendingDelays()).toContain(30_000);
    echo.disconnect();
    expect(clock.pendingDelays()).toEqual([]);

    const disposedClock = new ManualClock();
    const disposed = echoFor(herald, undefined, { clock: disposedClock });
    await waitFor(() => disposed.status.getSnapshot().state === 'connected');
    // A whisper for a channel that is not live waits in the queue, whose expiry timer is pending.
    expect(disposed.whisper('private-x', 'client-typing', {})).toBe('queued');
    expect(disposedClock.pendingDelays().length).toBeGreaterThan(1);
    disposed.dispose();
    expect(disposedClock.pendingDelays()).toEqual([]);
    expect(disposed.status.getSnapshot().state).toBe('disconnected');
    expect(() => disposed.connect()).toThrow(TypeError);
  });

  it('reads disconnected after disconnect(), with no socket id and no retry', async () => {
    const echo = echoFor(herald, undefined);
    await waitFor(() => echo.status.getSnapshot().state === 'connected');
    const seen: string[] = [];
    echo.status.subscribe(() => seen.push(echo.status.getSnapshot().state));
    echo.disconnect();
    expect(echo.status.getSnapshot()).toMatchObject({
      state: 'disconnected',
      socketId: null,
      nextRetryAt: null,
    });
    expect(echo.socketId()).toBeUndefined();
    expect(seen).toEqual(['disconnected']);
  });

  it('keeps the same snapshot object while nothing changes', async () => {
    const echo = echoFor(herald, undefined, { latencyProbeIntervalMs: 0 });
    const first = await waitFor(() => {
      const s = echo.status.getSnapshot();
      return s.state === 'connected' && s.latencyMs !== null ? s : undefined;
    });
    expect(echo.status.getSnapshot()).toBe(first);
  });

  it('reads failed when the server refuses the app key (4001), and stops retrying', async () => {
    const echo = echoFor(herald, undefined, { key: 'no-such-key' });
    const status = await waitFor(() => {
      const s = echo.status.getSnapshot();
      return s.state === 'failed' ? s : undefined;
    });
    expect(status.lastError?.code).toBe(4001);
    expect(status.nextRetryAt).toBeNull();
  });
});
