// Running tasks at a fixed pace or with bounded concurrency, keeping their durations.

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `task(i)` for i < count at `perSecond` (without waiting for earlier ones); resolves their durations in ms. */
export async function atPace(
  count: number,
  perSecond: number,
  task: (index: number) => Promise<void>,
): Promise<number[]> {
  const intervalMs = 1000 / perSecond;
  const startMs = performance.now();
  const running: Promise<number>[] = [];
  for (let index = 0; index < count; index++) {
    const waitMs = startMs + index * intervalMs - performance.now();
    if (waitMs > 0) await sleep(waitMs);
    const run = timed(() => task(index));
    // Handled now, rethrown below: a rejection must not go unhandled while later tasks wait their turn.
    run.catch(() => undefined);
    running.push(run);
  }
  return Promise.all(running);
}

/** Runs `task(i)` for i < count, `concurrency` at a time; resolves their durations in ms. */
export async function withConcurrency(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      durations.push(await timed(() => task(index)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return durations;
}

async function timed(task: () => Promise<void>): Promise<number> {
  const startMs = performance.now();
  await task();
  return performance.now() - startMs;
}
