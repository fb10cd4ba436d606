// Direct-message listeners: one private channel per person in the room (and the DM on screen), so a DM
// arrives, and counts as unread, wherever the page is.
import { usePresence, useWhisper } from '@herald/react';
import {
  dmChannel,
  DM_WHISPER,
  roomChannel,
  type DirectMessage,
  type MemberInfo,
} from '../chat-model';
import { useChat } from './chat-context';

export function DirectMessageInboxes({
  room,
  openChannel,
}: {
  room: string;
  openChannel: string | null;
}) {
  const { me } = useChat();
  const { members } = usePresence<MemberInfo>(roomChannel(room));
  const channels = new Set(
    [...members.keys()].filter((id) => id !== me.id).map((id) => dmChannel(me.id, id)),
  );
  if (openChannel !== null) channels.add(openChannel);
  return (
    <>
      {[...channels].map((channel) => (
        <DirectMessageInbox key={channel} channel={channel} />
      ))}
    </>
  );
}

function DirectMessageInbox({ channel }: { channel: string }) {
  const { directMessages } = useChat();
  useWhisper<DirectMessage>(channel, DM_WHISPER, (message) =>
    directMessages.receive(channel, message),
  );
  return null;
}
