// What the server and the page agree on: users, messages, rooms and the channel names they live on.

/** A signed-in person, as presence `user_info` carries it (`id` is the presence `user_id`). */
export interface ChatUser {
  /** Lower-case letters and digits, derived from the name; unique per person in this example. */
  readonly id: string;
  readonly name: string;
  /** URL of the person's avatar image. */
  readonly avatar: string;
}

/** What presence members carry as `user_info`. */
export type MemberInfo = Omit<ChatUser, 'id'>;

/** A room message as the server stores and broadcasts it. */
export interface ChatMessage {
  /** Server-assigned, unique. */
  readonly id: string;
  /** Chosen by the sending page, so it can match the server's answer to its pending copy. */
  readonly clientId: string;
  readonly room: string;
  readonly user: ChatUser;
  readonly text: string;
  /** Milliseconds since the epoch, server time. */
  readonly sentAt: number;
}

/** A direct message: a whisper on the pair's private channel, never stored by the server. */
export interface DirectMessage {
  readonly id: string;
  readonly from: ChatUser;
  readonly text: string;
  readonly sentAt: number;
}

/** The rooms everyone can join. */
export const ROOMS = Object.freeze(['general', 'random', 'help'] as const);
export type RoomId = (typeof ROOMS)[number];

/** Longest message text the server accepts, in characters. */
export const MAX_MESSAGE_LENGTH = 2000;
/** Messages of history kept per room. */
export const HISTORY_LIMIT = 100;

/** The broadcast event a new room message arrives as (sent with a leading dot: no namespace). */
export const MESSAGE_EVENT = 'message.sent';
/** The whisper a direct message travels as. */
export const DM_WHISPER = 'dm';

export function isRoom(value: string): value is RoomId {
  return (ROOMS as readonly string[]).includes(value);
}

/** Echo's name of a room's presence channel (the wire name adds `presence-`). */
export function roomChannel(room: string): string {
  return `room.${room}`;
}

/** Echo's name of the private channel two people share; the same whichever of them asks. */
export function dmChannel(a: string, b: string): string {
  return `dm.${[a, b].sort().join('.')}`;
}

/** The two user ids of a DM channel name (with or without `private-`), or `undefined`. */
export function dmPair(channel: string): readonly [string, string] | undefined {
  const match = /^(?:private-)?dm\.([a-z0-9]{1,24})\.([a-z0-9]{1,24})$/.exec(channel);
  return match === null ? undefined : [match[1]!, match[2]!];
}

/** The id a display name signs in as: lower-case letters and digits only. */
export function userIdOf(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 24);
}
