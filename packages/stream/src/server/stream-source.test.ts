import { describe, expect, it } from 'vitest';
import { pumpSource } from './stream-source';

describe('pumpSource', () => {
  it('writes every value and passes the context to a producer function', async () => {
    const written: number[] = [];
    const controller = new AbortController();
    await pumpSource(
      function* ({ lastEventId }) {
        yield Number(lastEventId);
        yield 2;
      },
      { signal: controller.signal, lastEventId: '1' },
      (value) => void written.push(value),
    );
    expect(written).toEqual([1, 2]);
  });

  it('stops the producer when the signal aborts, running its finally block', async () => {
    const controller = new AbortController();
    let isStopped = false;
    function* producer(): Generator<number> {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        isStopped = true;
      }
    }
    await pumpSource(producer(), { signal: controller.signal, lastEventId: null }, (value) => {
      if (value === 3) controller.abort();
    });
    await Promise.resolve();
    expect(isStopped).toBe(true);
  });

  it('propagates a producer error', async () => {
    function* failing(): Generator<number> {
      yield 1;
      throw new Error('boom');
    }
    const run = pumpSource(
      failing(),
      { signal: new AbortController().signal, lastEventId: null },
      () => undefined,
    );
    await expect(run).rejects.toThrow('boom');
  });
});
