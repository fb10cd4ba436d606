// The page's location: a room (#/room/general) or a direct-message channel (#/dm/ada.bob).
import { useSyncExternalStore } from 'react';
import { dmChannel, dmPair, isRoom, ROOMS, type RoomId } from '../chat-model';

export type Route =
  { kind: 'room'; room: RoomId } | { kind: 'dm'; channel: string; pair: readonly [string, string] };

export function parseRoute(hash: string): Route {
  const room = /^#\/room\/([a-z]+)$/.exec(hash)?.[1];
  if (room !== undefined && isRoom(room)) return { kind: 'room', room };
  const pairText = /^#\/dm\/([a-z0-9.]+)$/.exec(hash)?.[1];
  const pair = pairText === undefined ? undefined : dmPair(`dm.${pairText}`);
  if (pair !== undefined) return { kind: 'dm', channel: dmChannel(pair[0], pair[1]), pair };
  return { kind: 'room', room: ROOMS[0] };
}

export const roomHref = (room: string): string => `#/room/${room}`;
export const dmHref = (channel: string): string => `#/dm/${channel.replace(/^dm\./, '')}`;

const subscribe = (listener: () => void): (() => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

/** The current hash; re-renders on navigation. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => location.hash);
}
