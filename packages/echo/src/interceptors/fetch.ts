// Socket-id interceptor for fetch: a wrapper with no globals, and an opt-in global patch.
import { readSocketId, SOCKET_ID_HEADER, type SocketIdSource } from '../socket-id';

type Fetch = typeof globalThis.fetch;

/**
 * Returns a fetch that adds `X-Socket-ID` when `source` has a socket id and the request does not
 * already carry one. The original `fetch` is untouched.
 *
 * @example
 * ```ts
 * const api = wrapFetch(fetch, herald);
 * await api('/orders', { method: 'POST', body }); // Laravel's toOthers() now excludes this tab
 * ```
 */
export function wrapFetch(fetchFn: Fetch, source: SocketIdSource): Fetch {
  const wrapped = (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]): ReturnType<Fetch> => {
    const id = readSocketId(source);
    if (id === undefined) return fetchFn(input, init);
    // Copy the request's own headers when none are given: passing `headers` replaces them.
    const base = init?.headers ?? (isRequest(input) ? input.headers : undefined);
    const headers = new Headers(base);
    if (!headers.has(SOCKET_ID_HEADER)) headers.set(SOCKET_ID_HEADER, id);
    return fetchFn(input, { ...init, headers });
  };
  return wrapped;
}

/**
 * Replaces `target.fetch` (default `globalThis`) with {@link wrapFetch}; returns the uninstall,
 * which restores the previous fetch unless something else replaced it meanwhile.
 */
export function installFetchInterceptor(
  source: SocketIdSource,
  target: { fetch: Fetch } = globalThis,
): () => void {
  const original = target.fetch;
  if (typeof original !== 'function') {
    throw new TypeError('installFetchInterceptor: target has no fetch; pass { fetch } explicitly');
  }
  const patched = wrapFetch(original.bind(target), source);
  target.fetch = patched;
  return () => {
    if (target.fetch === patched) target.fetch = original;
  };
}

function isRequest(input: unknown): input is Request {
  return typeof Request !== 'undefined' && input instanceof Request;
}
