// onRecovery: holds a channel and reports each resume of it, for hooks and plain code alike (issue 15).
import type { ChannelKind } from './channel-name';
import type { RecoveryOutcome } from './channel-recovery';
import type { EchoHolder } from './echo-holder';

/**
 * Takes a share of channel `name` of `kind` and calls `callback` after each resubscription that
 * resumed it (see `lease.onRecovery`): when `recovered` is false, refetch what the channel keeps up
 * to date. Returns the function that stops it and gives the channel back; a channel that is not
 * resumable on the server never calls back.
 *
 * @example
 * ```ts
 * const stop = onRecovery(holder, 'orders.42', ({ recovered }) => recovered || void refetch(), 'private');
 * ```
 */
export function onRecovery(
  holder: EchoHolder,
  name: string,
  callback: (outcome: RecoveryOutcome) => void,
  kind: ChannelKind = 'private',
): () => void {
  const lease = holder.get().channels.acquire(name, kind);
  const stop = lease.onRecovery(callback);
  return () => {
    stop();
    lease.release();
  };
}
