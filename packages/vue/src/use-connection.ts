// useConnection, useConnectionStatus, useSocketId: the echo's connection status store, bound.
import {
  connectionStatusOf,
  toLaravelConnectionStatus,
  type ConnectionStatus,
  type LaravelConnectionStatus,
} from '@herald/echo';
import { computed, type ComputedRef } from 'vue';
import { useEchoHolder } from './provider';
import { useStore } from './use-store';

/**
 * The whole connection status: `state`, retry `attempt`, `nextRetryAt`, `latencyMs`, `lastError`,
 * `socketId` ... Renders the initial status on the server; the echo connects once mounted.
 *
 * @example
 * ```ts
 * const connection = useConnection();
 * const retrying = computed(() => connection.value.attempt > 0);
 * ```
 */
export function useConnection(): ComputedRef<ConnectionStatus> {
  const state = useStore(connectionStatusOf(useEchoHolder()));
  return computed(() => state.value);
}

/** The connection status as laravel-echo names it: `connected`, `connecting`, `reconnecting`, `failed`, `disconnected`. */
export function useConnectionStatus(): ComputedRef<LaravelConnectionStatus> {
  const connection = useConnection();
  return computed(() => toLaravelConnectionStatus(connection.value.state));
}

/** The socket id while connected (what `X-Socket-ID` carries), else `undefined`. */
export function useSocketId(): ComputedRef<string | undefined> {
  const connection = useConnection();
  return computed(() => connection.value.socketId ?? undefined);
}
