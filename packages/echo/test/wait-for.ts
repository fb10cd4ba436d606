// waitFor: polls a condition until it holds, so tests wait on events, never on fixed sleeps.

/** Resolves with `check()`'s value once it returns something other than `undefined`/`false`. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  { timeoutMs = 8000, what = 'condition' }: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
