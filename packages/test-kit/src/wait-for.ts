// waitFor: polls a condition until it holds, for state that has no event to wait on.

/** Options for {@link waitFor}. */
export interface WaitForOptions {
  /** @default 5000 */
  timeoutMs?: number;
  /** @default 10 */
  intervalMs?: number;
}

/**
 * Resolves with `fn()`'s value once it returns something truthy without throwing; rejects with
 * the last error (or a timeout error) after `timeoutMs`. Prefer waiting on an event when there is one.
 *
 * @example
 * ```ts
 * await waitFor(async () => (await channelInfo()).occupied === false);
 * ```
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 10;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      if (lastError instanceof Error) throw lastError;
      throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Resolves when `promise` does, or rejects after `timeoutMs` with a message naming `what`. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
