// useChannelBinding: binds a @herald/echo ChannelBinding to a component's mount.
import {
  createChannelBinding,
  type ChannelBinding,
  type ChannelControls,
  type ChannelKind,
} from '@herald/echo';
import { toValue, watch, type MaybeRefOrGetter } from 'vue';
import { onClientMount } from './on-client-mount';
import { useEchoHolder } from './provider';

/**
 * Holds channel `name` of `kind` while mounted and routes `events` to `callback`. A changed
 * callback never rebinds (setup runs once; the callback reads reactive state when it runs). A ref
 * or getter `name` rebinds when its value changes, as React's hooks do when the name prop
 * changes: the old channel's share is given back and the new one taken. The returned controls act
 * on whichever channel is current.
 */
export function useChannelBinding<TChannel>(
  name: MaybeRefOrGetter<string>,
  kind: ChannelKind,
  events: readonly string[],
  callback: (payload: never) => void,
): ChannelControls<TChannel> {
  const holder = useEchoHolder();
  const bind = (channel: string): ChannelBinding<TChannel> =>
    createChannelBinding<TChannel>(holder, { name: channel, kind, events }, (payload) =>
      callback(payload as never),
    );
  let binding = bind(toValue(name));
  let unmount: (() => void) | undefined;
  let isMounted = false;
  onClientMount(() => {
    isMounted = true;
    unmount = binding.mount();
    return () => {
      isMounted = false;
      unmount?.();
      unmount = undefined;
    };
  });
  if (typeof name !== 'string') {
    watch(
      () => toValue(name),
      (next, previous) => {
        if (next === previous) return;
        unmount?.();
        unmount = undefined;
        binding = bind(next);
        if (isMounted) unmount = binding.mount();
      },
    );
  }
  return {
    leaveChannel: (leaveAll) => binding.controls.leaveChannel(leaveAll),
    leave: () => binding.controls.leave(),
    stopListening: () => binding.controls.stopListening(),
    listen: () => binding.controls.listen(),
    channel: () => binding.controls.channel(),
  };
}
