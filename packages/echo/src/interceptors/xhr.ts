// Socket-id interceptor for XMLHttpRequest: patches `send` on the prototype, opt-in, reversible.
import { readSocketId, SOCKET_ID_HEADER, type SocketIdSource } from '../socket-id';

/** The part of an XMLHttpRequest constructor the patch touches. */
export interface XhrConstructorLike {
  prototype: {
    send(body?: unknown): void;
    setRequestHeader(name: string, value: string): void;
  };
}

const SENT_HEADERS = Symbol('herald.xhr.headers');

/**
 * Makes every XMLHttpRequest send `X-Socket-ID` while a socket id exists; returns the uninstall.
 * Pass the constructor to patch (default `globalThis.XMLHttpRequest`).
 */
export function installXhrInterceptor(
  source: SocketIdSource,
  Xhr: XhrConstructorLike | undefined = (globalThis as { XMLHttpRequest?: XhrConstructorLike })
    .XMLHttpRequest,
): () => void {
  if (Xhr === undefined) {
    throw new TypeError(
      'installXhrInterceptor: no XMLHttpRequest here; pass the constructor to patch',
    );
  }
  const proto = Xhr.prototype;
  // Kept unbound on purpose: they are called with each request as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalSend = proto.send;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalSetHeader = proto.setRequestHeader;
  type Tracked = { [SENT_HEADERS]?: Set<string> };

  // Remember headers the caller set, so an explicit X-Socket-ID is never doubled.
  const setRequestHeader = function (this: Tracked, name: string, value: string): void {
    (this[SENT_HEADERS] ??= new Set()).add(name.toLowerCase());
    originalSetHeader.call(this, name, value);
  };
  const send = function (this: Tracked, body?: unknown): void {
    const id = readSocketId(source);
    if (id !== undefined && !this[SENT_HEADERS]?.has(SOCKET_ID_HEADER.toLowerCase())) {
      originalSetHeader.call(this, SOCKET_ID_HEADER, id);
    }
    originalSend.call(this, body);
  };
  proto.setRequestHeader = setRequestHeader;
  proto.send = send;
  return () => {
    if (proto.send === send) proto.send = originalSend;
    if (proto.setRequestHeader === setRequestHeader) proto.setRequestHeader = originalSetHeader;
  };
}
