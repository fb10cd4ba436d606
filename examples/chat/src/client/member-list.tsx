// Who is in the room, live from usePresence (names and avatars from user_info), with a DM link each.
import { usePresence } from '@herald/react';
import { dmChannel, roomChannel, type MemberInfo } from '../chat-model';
import { useChat } from './chat-context';
import { dmHref } from './route';
import { useSmallStore } from './small-store';

export function MemberList({ room }: { room: string }) {
  const { me, directMessages } = useChat();
  const { members, count, isSynced } = usePresence<MemberInfo>(roomChannel(room));
  const { unread } = useSmallStore(directMessages.store);
  const sorted = [...members.values()].sort((a, b) => a.info.name.localeCompare(b.info.name));
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">
        In #{room} <span className="count">{count} online</span>
      </h2>
      {!isSynced && <p className="hint">Updating…</p>}
      <ul className="member-list" aria-label={`Members of #${room}`}>
        {sorted.map((member) => {
          const channel = dmChannel(me.id, member.id);
          const newCount = unread.get(channel) ?? 0;
          return (
            <li key={member.id}>
              <img src={member.info.avatar} alt="" width={32} height={32} />
              <span className="member-name">
                {member.info.name}
                {member.id === me.id && <span className="you"> (you)</span>}
              </span>
              {member.id !== me.id && (
                <a
                  className="dm-link"
                  href={dmHref(channel)}
                  aria-label={`Message ${member.info.name}${newCount > 0 ? `, ${newCount} unread` : ''}`}
                >
                  Message
                  {newCount > 0 && (
                    <span className="unread" aria-hidden="true">
                      {newCount}
                    </span>
                  )}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
