// The app: sign in, then the chat with its own Herald connection (EchoProvider).
import { EchoProvider, useConnection } from '@herald/react';
import { useEffect, useMemo, useState } from 'react';
import type { ChatUser } from '../chat-model';
import { ChatContext, useChat, type ChatContextValue } from './chat-context';
import { chatFetch, createChatEcho } from './chat-echo';
import { ChatLayout } from './chat-layout';
import { createDirectMessages } from './direct-messages';
import { createOutbox } from './outbox';
import { SignIn } from './sign-in';

export function App() {
  const [me, setMe] = useState<ChatUser | null | undefined>(undefined);
  useEffect(() => {
    fetch('/api/me')
      .then(async (response) => setMe(response.ok ? ((await response.json()) as ChatUser) : null))
      .catch(() => setMe(null));
  }, []);
  if (me === undefined) return <p className="loading">Loading…</p>;
  if (me === null) return <SignIn onSignedIn={setMe} />;
  return (
    <SignedIn
      me={me}
      onSignOut={() => {
        void fetch('/api/session', { method: 'DELETE' }).then(() => setMe(null));
      }}
    />
  );
}

function SignedIn({ me, onSignOut }: { me: ChatUser; onSignOut: () => void }) {
  // One connection per signed-in page; signing out (unmounting) closes it, which leaves every channel.
  const herald = useMemo(() => createChatEcho(), []);
  useEffect(() => () => herald.disconnect(), [herald]);
  const context = useMemo<ChatContextValue>(() => {
    const api = chatFetch(herald);
    const outbox = createOutbox(
      (item) =>
        api(`/api/rooms/${item.room}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ clientId: item.clientId, text: item.text }),
        }),
      () => herald.status.getSnapshot().state === 'connected',
    );
    return { me, outbox, directMessages: createDirectMessages() };
  }, [herald, me]);
  return (
    <EchoProvider echo={herald}>
      <ChatContext.Provider value={context}>
        <FlushOnConnect />
        <ChatLayout onSignOut={onSignOut} />
      </ChatContext.Provider>
    </EchoProvider>
  );
}

/** Sends what waited in the outbox each time the connection is (back) up. */
function FlushOnConnect() {
  const { state } = useConnection();
  const { outbox } = useChat();
  useEffect(() => {
    if (state === 'connected') outbox.flush();
  }, [state, outbox]);
  return null;
}
