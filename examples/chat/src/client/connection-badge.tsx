// The connection badge: connected, reconnecting (with the next retry time) or offline, from useConnection.
import { useConnection } from '@herald/react';
import { useEffect, useState } from 'react';

export function ConnectionBadge() {
  const { state, nextRetryAt, attempt, transport } = useConnection();
  const now = useNow(nextRetryAt !== null);
  const retryIn = nextRetryAt === null ? null : Math.max(0, Math.ceil((nextRetryAt - now) / 1000));
  const retry =
    retryIn === null ? '' : retryIn === 0 ? ', retrying now' : `, next try in ${retryIn} s`;
  let tone: 'ok' | 'warn' | 'down';
  let text: string;
  switch (state) {
    case 'connected':
      [tone, text] = ['ok', 'Connected'];
      break;
    case 'connecting':
      [tone, text] = ['warn', 'Connecting…'];
      break;
    case 'reconnecting':
      [tone, text] = ['warn', `Reconnecting (attempt ${attempt}${retry})`];
      break;
    case 'unavailable':
      [tone, text] = ['down', `Offline${retry}`];
      break;
    case 'failed':
      [tone, text] = ['down', 'Offline: the server refused the connection'];
      break;
    case 'disconnected':
      [tone, text] = ['down', 'Offline'];
      break;
  }
  return (
    <p
      className={`badge badge-${tone}`}
      role="status"
      aria-label={`Connection: ${text}`}
      data-state={state}
      data-transport={transport ?? undefined}
    >
      <span className="dot" aria-hidden="true" />
      {text}
    </p>
  );
}

/** The time, ticking each second while `isTicking` (for the retry countdown). */
function useNow(isTicking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isTicking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isTicking]);
  return now;
}
