// The signed-in page: top bar with the connection badge, rooms, the room or DM on screen, and members.
import { useEffect, useRef } from 'react';
import { ROOMS, type RoomId } from '../chat-model';
import { useChat } from './chat-context';
import { ConnectionBadge } from './connection-badge';
import { DirectMessageInboxes } from './dm-inboxes';
import { DirectMessageView } from './dm-view';
import { MemberList } from './member-list';
import { OfflineBanner } from './offline-banner';
import { RoomView } from './room-view';
import { roomHref, parseRoute, useHash } from './route';

export function ChatLayout({ onSignOut }: { onSignOut: () => void }) {
  const { me } = useChat();
  const route = parseRoute(useHash());
  // The member list (and its presence channel) stays on the last room while a DM is open.
  const lastRoom = useRef<RoomId>(ROOMS[0]);
  if (route.kind === 'room') lastRoom.current = route.room;
  const room = lastRoom.current;
  const { directMessages } = useChat();
  const openChannel = route.kind === 'dm' ? route.channel : null;
  useEffect(() => directMessages.open(openChannel), [directMessages, openChannel]);

  return (
    <div className="chat">
      <header className="topbar">
        <h1>Herald chat</h1>
        <ConnectionBadge />
        <div className="me">
          <img src={me.avatar} alt="" width={28} height={28} />
          <span>{me.name}</span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <OfflineBanner />
      <nav className="rooms" aria-label="Rooms">
        <ul>
          {ROOMS.map((id) => (
            <li key={id}>
              <a
                href={roomHref(id)}
                aria-current={route.kind === 'room' && route.room === id ? 'page' : undefined}
              >
                #{id}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="conversation">
        {route.kind === 'room' ? (
          <RoomView key={route.room} room={route.room} />
        ) : (
          <DirectMessageView
            key={route.channel}
            channel={route.channel}
            pair={route.pair}
            room={room}
          />
        )}
      </main>
      <aside className="members">
        <MemberList room={room} />
      </aside>
      <DirectMessageInboxes room={room} openChannel={openChannel} />
    </div>
  );
}
