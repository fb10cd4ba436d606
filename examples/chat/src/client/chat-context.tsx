// What every part of the signed-in page shares: who I am, the outbox, direct messages and the API fetch.
import { createContext, useContext } from 'react';
import type { ChatUser } from '../chat-model';
import type { DirectMessages } from './direct-messages';
import type { Outbox } from './outbox';

export interface ChatContextValue {
  readonly me: ChatUser;
  readonly outbox: Outbox;
  readonly directMessages: DirectMessages;
}

export const ChatContext = createContext<ChatContextValue | null>(null);

export function useChat(): ChatContextValue {
  const value = useContext(ChatContext);
  if (value === null) throw new TypeError('useChat: render inside <ChatContext.Provider>');
  return value;
}
