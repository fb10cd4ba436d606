// One round of timed events: the loaders watch for them while the scenario publishes them.
import type { LoaderPool, RoundResult } from './loader';

/** How long after the last publish answered the loaders may still be receiving. */
const DELIVERY_GRACE_MS = 30_000;

/** A round's deliveries and how long each publish took to be answered, ms. */
export interface TrackedRound {
  readonly deliveries: RoundResult;
  readonly publishMs: number[];
}

/**
 * Tells the loaders to time `events` events, runs `publishAll` (which publishes events
 * 0..events-1 and resolves their publish durations), then waits for every delivery.
 */
export async function trackedRound(
  loaders: LoaderPool,
  events: number,
  publishAll: () => Promise<number[]>,
): Promise<TrackedRound> {
  await loaders.startTracking(events);
  const publishMs = await publishAll();
  const deliveries = await loaders.finishTracking(DELIVERY_GRACE_MS);
  return { deliveries, publishMs };
}
