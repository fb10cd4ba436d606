// The offline banner: while the connection is down, say that messages wait and how many.
import { useConnection, useOfflineQueue } from '@herald/react';
import { useEffect } from 'react';
import { useChat } from './chat-context';
import { useSmallStore } from './small-store';

const DOWN_STATES = new Set(['reconnecting', 'unavailable', 'failed', 'disconnected']);

export function OfflineBanner() {
  const { state } = useConnection();
  const { outbox, directMessages } = useChat();
  // Whispers (direct messages) wait in @herald/echo's offline queue; room messages in the outbox.
  const queue = useOfflineQueue();
  const pending = useSmallStore(outbox.items).filter((m) => m.state === 'pending').length;
  useEffect(() => {
    if (queue.size === 0) directMessages.markQueuedSent();
  }, [queue.size, directMessages]);
  if (!DOWN_STATES.has(state)) return null;
  const waiting = pending + queue.size;
  return (
    <p className="offline-banner" role="status">
      Offline: messages will be sent when you reconnect.
      {waiting > 0 && ` ${waiting} waiting.`}
    </p>
  );
}
