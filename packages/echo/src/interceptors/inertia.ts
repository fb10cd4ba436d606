// Socket-id interceptor for Inertia's router: adds the header to each visit through the `before` event.
import { readSocketId, SOCKET_ID_HEADER, type SocketIdSource } from '../socket-id';

/** The part of an Inertia visit event the helper touches. */
export interface InertiaBeforeEvent {
  detail: { visit: { headers: Record<string, string> } };
}

/** The part of Inertia's `router` the helper uses (`@inertiajs/core` 1.x and 2.x). */
export interface InertiaRouterLike {
  on(type: 'before', callback: (event: InertiaBeforeEvent) => void): () => void;
}

/**
 * Adds `X-Socket-ID` to every Inertia visit while a socket id exists; returns the uninstall.
 *
 * @example
 * ```ts
 * import { router } from '@inertiajs/vue3';
 * installInertiaInterceptor(router, herald);
 * ```
 */
export function installInertiaInterceptor(
  router: InertiaRouterLike,
  source: SocketIdSource,
): () => void {
  return router.on('before', (event) => {
    const id = readSocketId(source);
    if (id === undefined) return;
    const headers = event.detail.visit.headers;
    const hasOwn = Object.keys(headers).some(
      (name) => name.toLowerCase() === SOCKET_ID_HEADER.toLowerCase(),
    );
    if (!hasOwn) headers[SOCKET_ID_HEADER] = id;
  });
}
