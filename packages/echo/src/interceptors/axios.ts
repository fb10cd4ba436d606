// Socket-id interceptor for an axios instance, typed structurally so axios is not a dependency.
import { readSocketId, SOCKET_ID_HEADER, type SocketIdSource } from '../socket-id';

/** The part of an axios request config the interceptor touches. */
export interface AxiosLikeRequestConfig {
  headers?: unknown;
}

/** The part of an axios instance the interceptor uses: `interceptors.request.use` / `eject`. */
export interface AxiosLike {
  interceptors: {
    request: {
      // `any` on purpose: axios's own callback type is invariant in its config type, so any
      // narrower structural type would reject a real AxiosInstance.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      use(onFulfilled: (config: any) => any): number;
      eject(id: number): void;
    };
  };
}

/**
 * Adds `X-Socket-ID` to every request of `instance` while a socket id exists; returns the
 * uninstall (ejects the interceptor).
 *
 * @example
 * ```ts
 * const uninstall = installAxiosInterceptor(axios, herald);
 * ```
 */
export function installAxiosInterceptor(instance: AxiosLike, source: SocketIdSource): () => void {
  const onRequest = <C extends AxiosLikeRequestConfig>(config: C): C => {
    const id = readSocketId(source);
    if (id === undefined) return config;
    const headers = config.headers as
      | { set?: (name: string, value: string) => void; has?: (name: string) => boolean }
      | Record<string, unknown>
      | undefined;
    if (headers !== undefined && typeof headers.set === 'function') {
      // axios 1.x: AxiosHeaders, case-insensitive.
      const axiosHeaders = headers as { set(n: string, v: string): void; has(n: string): boolean };
      if (!axiosHeaders.has(SOCKET_ID_HEADER)) axiosHeaders.set(SOCKET_ID_HEADER, id);
    } else {
      config.headers = { [SOCKET_ID_HEADER]: id, ...(headers ?? {}) };
    }
    return config;
  };
  const handle = instance.interceptors.request.use(onRequest);
  return () => instance.interceptors.request.eject(handle);
}
