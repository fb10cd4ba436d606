// Where interceptors read the socket id from, and the header they write it to.

/** The header Laravel reads in `broadcast(...)->toOthers()`. */
export const SOCKET_ID_HEADER = 'X-Socket-ID';

/**
 * Anything that knows the current socket id: a Herald echo, an upstream `Echo`, or a function.
 * `undefined` or `''` means "not connected", and no header is sent.
 */
export type SocketIdSource =
  { socketId(): string | null | undefined } | (() => string | null | undefined);

/** Reads the socket id from `source`, normalising "none" to `undefined`. */
export function readSocketId(source: SocketIdSource): string | undefined {
  const id = typeof source === 'function' ? source() : source.socketId();
  return typeof id === 'string' && id !== '' ? id : undefined;
}
