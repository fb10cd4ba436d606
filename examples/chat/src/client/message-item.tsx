// One message in a list: avatar, name, time, text, and its delivery state while not yet confirmed.
import type { ChatUser } from '../chat-model';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function MessageItem({
  user,
  text,
  sentAt,
  status,
  isFailed = false,
}: {
  user: ChatUser;
  text: string;
  sentAt: number;
  status: string | null;
  isFailed?: boolean;
}) {
  return (
    <li className={`message${status === null ? '' : ' is-pending'}${isFailed ? ' is-failed' : ''}`}>
      <img src={user.avatar} alt="" width={36} height={36} />
      <div>
        <p className="meta">
          <span className="author">{user.name}</span>{' '}
          <time dateTime={new Date(sentAt).toISOString()}>{timeFormat.format(sentAt)}</time>
          {status !== null && <span className="status"> ({status})</span>}
        </p>
        <p className="text">{text}</p>
      </div>
    </li>
  );
}
