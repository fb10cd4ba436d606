// useConnection, useConnectionStatus, useSocketId: the echo's connection status store, bound.
import {
  connectionStatusOf,
  INITIAL_CONNECTION_STATUS,
  toLaravelConnectionStatus,
  type ConnectionStatus,
} from '@herald/echo';
import type { LaravelConnectionStatus } from '@herald/echo';
import { useMemo, useSyncExternalStore } from 'react';
import { useEchoHolder } from './provider';

const initialState = (): ConnectionStatus => INITIAL_CONNECTION_STATUS;

/**
 * The whole connection status: `state`, retry `attempt`, `nextRetryAt`, `latencyMs`, `lastError`,
 * `socketId` ... Renders the initial status on the server; the echo connects once mounted.
 *
 * @example
 * ```tsx
 * const { state, attempt, nextRetryAt } = useConnection();
 * ```
 */
export function useConnection(): ConnectionStatus {
  const holder = useEchoHolder();
  const store = useMemo(() => connectionStatusOf(holder), [holder]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, initialState);
}

/** The connection status as laravel-echo names it: `connected`, `connecting`, `reconnecting`, `failed`, `disconnected`. */
export function useConnectionStatus(): LaravelConnectionStatus {
  return toLaravelConnectionStatus(useConnection().state);
}

/** The socket id while connected (what `X-Socket-ID` carries), else `undefined`. */
export function useSocketId(): string | undefined {
  return useConnection().socketId ?? undefined;
}
