// Heartbeat: a comment written at a fixed interval on an otherwise idle event stream.
import { systemClock, type Clock } from '../event-stream/clock';

/** Calls `beat` every `intervalMs` until the returned function is called. */
export function startHeartbeat(
  intervalMs: number | false,
  beat: () => void,
  clock: Clock = systemClock,
): () => void {
  if (intervalMs === false || intervalMs <= 0) return () => undefined;
  let handle: unknown;
  let isStopped = false;
  const schedule = (): void => {
    handle = clock.setTimeout(() => {
      if (isStopped) return;
      beat();
      schedule();
    }, intervalMs);
    // A pending heartbeat alone must not keep a Node process alive.
    (handle as { unref?: () => void } | undefined)?.unref?.();
  };
  schedule();
  return () => {
    isStopped = true;
    clock.clearTimeout(handle);
  };
}
