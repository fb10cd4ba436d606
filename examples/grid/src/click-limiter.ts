// Click limiter: at most `max` clicks per viewer in each window, as Laravel's throttle middleware would.

/** How many clicks a viewer may make per window. */
export interface ClickLimit {
  readonly max: number;
  readonly windowMs: number;
}

/** Ten clicks a second: quicker than a person taps, slower than a script. */
export const DEFAULT_CLICK_LIMIT: ClickLimit = Object.freeze({ max: 10, windowMs: 1000 });

/**
 * Counts clicks per viewer in fixed windows. It lives in the process: with several app processes
 * each allows `max`, which is fine for a demo (a real app would count in Redis too).
 */
export function createClickLimiter(
  limit: ClickLimit,
  now: () => number = Date.now,
): (viewer: string) => boolean {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return (viewer) => {
    const at = now();
    let window = windows.get(viewer);
    if (window === undefined || at - window.startedAt >= limit.windowMs) {
      // Old windows go when a new one starts, so the map holds only recent viewers.
      for (const [id, old] of windows) if (at - old.startedAt >= limit.windowMs) windows.delete(id);
      window = { startedAt: at, count: 0 };
      windows.set(viewer, window);
    }
    window.count += 1;
    return window.count <= limit.max;
  };
}
