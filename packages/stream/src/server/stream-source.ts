// StreamSource and pumpSource: drive a producer into a writer, stopping it when the client goes away.

/** What a producer is told about its request. */
export interface StreamContext {
  /** Aborted when the client goes away; pass it to whatever the producer awaits. */
  signal: AbortSignal;
  /** The `Last-Event-ID` the client resumes after (header or `lastEventId` query), or `null`. */
  lastEventId: string | null;
}

/** A producer: an async iterable, or a function of the request context returning one. */
export type StreamSource<T> =
  AsyncIterable<T> | Iterable<T> | ((context: StreamContext) => AsyncIterable<T> | Iterable<T>);

/**
 * Feeds every value of `source` to `write` until it ends, or until `context.signal` aborts; then
 * the producer is stopped with `return()`, so its `finally` blocks run. Errors from the producer
 * or `write` propagate.
 */
export async function pumpSource<T>(
  source: StreamSource<T>,
  context: StreamContext,
  write: (value: T) => void | Promise<void>,
): Promise<void> {
  const iterable = typeof source === 'function' ? source(context) : source;
  const iterator: AsyncIterator<T> | Iterator<T> =
    Symbol.asyncIterator in iterable
      ? iterable[Symbol.asyncIterator]()
      : iterable[Symbol.iterator]();
  const aborted = new Promise<'aborted'>((resolve) => {
    if (context.signal.aborted) resolve('aborted');
    context.signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  let isFinished = false;
  try {
    for (;;) {
      // The explicit checks matter for sync iterables: their already-settled values win every race.
      if (context.signal.aborted) return;
      const result = await Promise.race([iterator.next(), aborted]);
      if (result === 'aborted' || context.signal.aborted) return;
      if (result.done) {
        isFinished = true;
        return;
      }
      await Promise.race([write(result.value), aborted]);
    }
  } catch (error) {
    isFinished = true;
    throw error;
  } finally {
    // A generator suspended in an await finishes that await before return() takes effect, so this
    // is not awaited: the signal is how a producer learns to stop waiting.
    if (!isFinished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
