// A room's confirmed messages: its history from the app (fetched whenever the subscription is fresh,
// so a reconnect catches up), plus broadcasts from others and confirmations of our own posts.
import { useEchoPresence } from '@herald/react';
import { useEffect, useState } from 'react';
import { MESSAGE_EVENT, roomChannel, type ChatMessage } from '../chat-model';
import { useChat } from './chat-context';

export function useRoomMessages(room: string, isSynced: boolean): readonly ChatMessage[] {
  const { outbox } = useChat();
  const [messages, setMessages] = useState<readonly ChatMessage[]>([]);
  const merge = (incoming: readonly ChatMessage[]): void =>
    setMessages((list) => mergeMessages(list, incoming));

  useEchoPresence<ChatMessage>(roomChannel(room), `.${MESSAGE_EVENT}`, (message) =>
    merge([message]),
  );
  useEffect(
    () => outbox.onConfirmed((message) => message.room === room && merge([message])),
    [outbox, room],
  );
  useEffect(() => {
    // Subscribed first, then fetched: nothing sent in between is missed (duplicates merge by id).
    if (!isSynced) return;
    let isCurrent = true;
    fetch(`/api/rooms/${room}/messages`)
      .then((response) => response.json() as Promise<{ messages: ChatMessage[] }>)
      .then(({ messages: history }) => isCurrent && merge(history))
      .catch(() => {});
    return () => {
      isCurrent = false;
    };
  }, [room, isSynced]);
  return messages;
}

function mergeMessages(
  list: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): readonly ChatMessage[] {
  const fresh = incoming.filter((m) => !list.some((known) => known.id === m.id));
  if (fresh.length === 0) return list;
  return [...list, ...fresh].sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id));
}
