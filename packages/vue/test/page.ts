// A page using every composable, rendered on the server and hydrated in the DOM by the SSR tests.
import { defineComponent, h, shallowRef, type PropType } from 'vue';
import {
  useChannel,
  useConnection,
  useConnectionStatus,
  useEcho,
  useEchoNotification,
  useOfflineQueue,
  useOnSubscribed,
  usePresence,
  useSocketId,
  useSubscriptionStatus,
  useTyping,
} from '../src/index';

export const INITIAL_HTML =
  '<main><p>connecting|-|0</p><p>0|-</p><p></p><p>0</p><p>0|subscribing|0</p></main>';

export const Page = defineComponent({
  props: { onShipped: { type: Function as PropType<(e: unknown) => void>, default: () => {} } },
  setup(props) {
    const status = useConnectionStatus();
    const socketId = useSocketId();
    const connection = useConnection();
    const { count, me } = usePresence('room');
    const { typing } = useTyping('room');
    useEcho('orders', '.shipped', (e) => props.onShipped(e));
    useEchoNotification('App.Models.User.1');
    const { channel } = useChannel('feed', 'public');
    const { size } = useOfflineQueue();
    const { state } = useSubscriptionStatus('orders');
    const subscriptions = shallowRef(0);
    useOnSubscribed('orders', () => (subscriptions.value += 1));
    return () =>
      h('main', [
        h('p', `${status.value}|${socketId.value ?? '-'}|${connection.value.attempt}`),
        h('p', `${count.value}|${me.value?.id ?? '-'}`),
        h('p', typing.value.map((m) => m.id).join(',')),
        // Read at render time: null on the server and while hydrating, so the markup matches.
        h('p', channel() === null ? '0' : '1'),
        h('p', `${size.value}|${state.value}|${subscriptions.value}`),
      ]);
  },
});
