// The outbox: room messages the person sent that the server has not confirmed yet. They show at once,
// marked pending, and are posted while connected; while offline they wait for the connection.
import type { ChatMessage, ChatUser } from '../chat-model';
import { createSmallStore, type SmallStore } from './small-store';

/** A message on its way: `pending` until the route answers, `failed` when it refused. */
export interface OutgoingMessage {
  readonly clientId: string;
  readonly room: string;
  readonly user: ChatUser;
  readonly text: string;
  readonly sentAt: number;
  readonly state: 'pending' | 'failed';
  readonly error?: string;
}

export interface Outbox {
  readonly items: SmallStore<readonly OutgoingMessage[]>;
  add(room: string, user: ChatUser, text: string): void;
  /** Posts every pending message not already on its way; call when the connection is up. */
  flush(): void;
  /** Called with each message the server confirmed. */
  onConfirmed(listener: (message: ChatMessage) => void): () => void;
}

/** Creates the outbox; `post` sends one message to the app's route and resolves the stored message. */
export function createOutbox(
  post: (item: OutgoingMessage) => Promise<Response>,
  isOnline: () => boolean,
): Outbox {
  const items = createSmallStore<readonly OutgoingMessage[]>([]);
  const inFlight = new Set<string>();
  const confirmed = new Set<(message: ChatMessage) => void>();

  const sendOne = async (item: OutgoingMessage): Promise<void> => {
    inFlight.add(item.clientId);
    try {
      const response = await post(item);
      if (response.ok) {
        const message = (await response.json()) as ChatMessage;
        for (const listener of [...confirmed]) listener(message);
        items.set((list) => list.filter((m) => m.clientId !== item.clientId));
      } else if (response.status < 500) {
        const { error } = (await response.json().catch(() => ({}))) as { error?: string };
        items.set((list) =>
          list.map((m) =>
            m.clientId === item.clientId
              ? { ...m, state: 'failed', error: error ?? `refused (${response.status})` }
              : m,
          ),
        );
      }
      // A 5xx or a network error leaves it pending: the next flush (on reconnect) tries again.
    } catch {
      // The server is unreachable: keep it for the next flush.
    } finally {
      inFlight.delete(item.clientId);
    }
  };

  const flush = (): void => {
    if (!isOnline()) return;
    for (const item of items.get()) {
      if (item.state === 'pending' && !inFlight.has(item.clientId)) void sendOne(item);
    }
  };

  return {
    items,
    add(room, user, text) {
      const clientId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
      items.set((list) => [
        ...list,
        { clientId, room, user, text, sentAt: Date.now(), state: 'pending' },
      ]);
      flush();
    },
    flush,
    onConfirmed(listener) {
      confirmed.add(listener);
      return () => confirmed.delete(listener);
    },
  };
}
