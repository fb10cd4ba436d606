// useChannelBinding: binds a @herald/echo ChannelBinding to a component's mount.
import { createChannelBinding, type ChannelControls, type ChannelKind } from '@herald/echo';
import { useEffect, useMemo } from 'react';
import { useEchoHolder } from './provider';
import { useLatest } from './use-latest';

/**
 * Holds channel `name` of `kind` while mounted and routes `events` to the latest `callback`. The
 * binding changes only with the echo, the channel or the event names, never with the callback.
 */
export function useChannelBinding<TChannel>(
  name: string,
  kind: ChannelKind,
  events: readonly string[],
  callback: (payload: never) => void,
): ChannelControls<TChannel> {
  const holder = useEchoHolder();
  const latest = useLatest(callback);
  const eventsKey = JSON.stringify(events);
  const binding = useMemo(
    () =>
      createChannelBinding<TChannel>(
        holder,
        { name, kind, events: JSON.parse(eventsKey) as string[] },
        (payload) => latest.current(payload as never),
      ),
    [holder, name, kind, eventsKey, latest],
  );
  useEffect(() => binding.mount(), [binding]);
  return binding.controls;
}
