// A room: its messages (pending ones marked), who is typing, and the composer.
import { usePresence, useTyping } from '@herald/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAX_MESSAGE_LENGTH, roomChannel, type MemberInfo } from '../chat-model';
import { useChat } from './chat-context';
import { MessageItem } from './message-item';
import { useSmallStore } from './small-store';
import { typingText } from './typing-text';
import { useRoomMessages } from './use-room-messages';

export function RoomView({ room }: { room: string }) {
  const { me, outbox } = useChat();
  const channel = roomChannel(room);
  const { isSynced } = usePresence<MemberInfo>(channel);
  const messages = useRoomMessages(room, isSynced);
  const outgoing = useSmallStore(outbox.items).filter(
    (m) => m.room === room && !messages.some((c) => c.clientId === m.clientId),
  );
  const { typing, start, stop } = useTyping<MemberInfo>(channel);
  const [text, setText] = useState('');
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [messages.length, outgoing.length]);

  const send = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') return;
    stop();
    outbox.add(room, me, trimmed);
    setText('');
  };

  return (
    <section className="room" aria-labelledby="conversation-title">
      <h2 id="conversation-title">#{room}</h2>
      <ol
        ref={listRef}
        className="messages"
        role="log"
        aria-live="polite"
        aria-label={`Messages in #${room}`}
      >
        {messages.map((m) => (
          <MessageItem key={m.id} user={m.user} text={m.text} sentAt={m.sentAt} status={null} />
        ))}
        {outgoing.map((m) => (
          <MessageItem
            key={m.clientId}
            user={m.user}
            text={m.text}
            sentAt={m.sentAt}
            status={m.state === 'failed' ? `not sent: ${m.error ?? 'refused'}` : 'sending…'}
            isFailed={m.state === 'failed'}
          />
        ))}
      </ol>
      <p className="typing" aria-live="polite">
        {typingText(typing.map((member) => member.info.name))}
      </p>
      <form className="composer" onSubmit={send}>
        <label htmlFor="composer" className="visually-hidden">
          Message #{room}
        </label>
        <input
          id="composer"
          value={text}
          maxLength={MAX_MESSAGE_LENGTH}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value === '') stop();
            else start();
          }}
          onBlur={stop}
          placeholder={`Message #${room}`}
          autoComplete="off"
        />
        <button type="submit">Send</button>
      </form>
    </section>
  );
}
