// A direct-message conversation: whispers on the pair's private channel, queued while offline.
import { usePresence, useSubscriptionStatus, useWhisper } from '@herald/react';
import { useState, type FormEvent } from 'react';
import { DM_WHISPER, roomChannel, type DirectMessage, type MemberInfo } from '../chat-model';
import { useChat } from './chat-context';
import { MessageItem } from './message-item';
import { useSmallStore } from './small-store';

export function DirectMessageView({
  channel,
  pair,
  room,
}: {
  channel: string;
  pair: readonly [string, string];
  room: string;
}) {
  const { me, directMessages } = useChat();
  const { members } = usePresence<MemberInfo>(roomChannel(room));
  const state = useSmallStore(directMessages.store);
  const thread = state.threads.get(channel) ?? [];
  // /broadcasting/auth refuses anyone but the pair: the page says so and stays connected.
  const { state: subscription, error } = useSubscriptionStatus(channel);
  const isRefused = subscription === 'refused';
  const { whisper } = useWhisper<DirectMessage>(channel, DM_WHISPER);
  const [text, setText] = useState('');
  const nameOf = (id: string): string => members.get(id)?.info.name ?? id;
  const isMine = pair.includes(me.id);
  const title = isMine
    ? `Direct messages with ${nameOf(pair[0] === me.id ? pair[1] : pair[0])}`
    : `Direct messages between ${nameOf(pair[0])} and ${nameOf(pair[1])}`;

  const send = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') return;
    const message: DirectMessage = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      from: me,
      text: trimmed,
      sentAt: Date.now(),
    };
    directMessages.sent(channel, message, whisper(message) === 'queued');
    setText('');
  };

  return (
    <section className="room" aria-labelledby="conversation-title">
      <h2 id="conversation-title">{title}</h2>
      {isRefused && (
        <p className="refusal" role="alert">
          The server refused this conversation ({error?.message ?? 'refused'}): only the two people
          in it may read it.
        </p>
      )}
      <ol className="messages" role="log" aria-live="polite" aria-label={title}>
        {thread.map((m) => (
          <MessageItem
            key={m.id}
            user={m.from}
            text={m.text}
            sentAt={m.sentAt}
            status={m.isQueued ? 'waiting for the connection' : null}
          />
        ))}
      </ol>
      <form className="composer" onSubmit={send}>
        <label htmlFor="dm-composer" className="visually-hidden">
          Direct message
        </label>
        <input
          id="dm-composer"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Write a direct message"
          disabled={isRefused}
          autoComplete="off"
        />
        <button type="submit" disabled={isRefused}>
          Send
        </button>
      </form>
    </section>
  );
}
