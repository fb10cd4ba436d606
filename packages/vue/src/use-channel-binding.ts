// useChannelBinding: binds a @herald/echo ChannelBinding to a component's mount.
import { createChannelBinding, type ChannelControls, type ChannelKind } from '@herald/echo';
import { onClientMount } from './on-client-mount';
import { useEchoHolder } from './provider';

/**
 * Holds channel `name` of `kind` while mounted and routes `events` to `callback`. Setup runs once,
 * so nothing here ever rebinds: reactive state the callback reads is simply read when it runs.
 */
export function useChannelBinding<TChannel>(
  name: string,
  kind: ChannelKind,
  events: readonly string[],
  callback: (payload: never) => void,
): ChannelControls<TChannel> {
  const binding = createChannelBinding<TChannel>(useEchoHolder(), { name, kind, events }, (payload) =>
    callback(payload as never),
  );
  onClientMount(() => binding.mount());
  return binding.controls;
}
