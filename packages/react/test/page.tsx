// A page using every hook, rendered on the server and hydrated in the DOM by the SSR tests.
import {
  useChannel,
  useConnection,
  useConnectionStatus,
  useEcho,
  useEchoNotification,
  usePresence,
  useSocketId,
  useTyping,
} from '../src/index';

export const INITIAL_HTML = '<main><p>connecting|-|0</p><p>0|-</p><p></p><p>0</p></main>';

export function Page({ onShipped = () => {} }: { onShipped?: (e: unknown) => void }) {
  const status = useConnectionStatus();
  const socketId = useSocketId();
  const { attempt } = useConnection();
  const { count, me } = usePresence('room');
  const { typing } = useTyping('room');
  useEcho('orders', '.shipped', onShipped);
  useEchoNotification('App.Models.User.1');
  const { channel } = useChannel('feed', 'public');
  return (
    <main>
      <p>{`${status}|${socketId ?? '-'}|${attempt}`}</p>
      <p>{`${count}|${me?.id ?? '-'}`}</p>
      <p>{typing.map((m) => m.id).join(',')}</p>
      <p>{channel() === null ? 0 : 1}</p>
    </main>
  );
}
