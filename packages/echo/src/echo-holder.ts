// Echo holder: where framework bindings find their echo, created on first use so rendering never connects.
import type { HeraldEcho } from './create-echo';
import { INITIAL_CONNECTION_STATUS, type ConnectionStatus } from './connection-status';
import type { OfflineQueueState } from './offline-queue';
import type { ReadableStore } from './store';

/** An echo instance, or a factory called the first time one is needed (never while server rendering). */
export type EchoSource = HeraldEcho | (() => HeraldEcho);

/** Holds one echo for a provider, a plugin or the global `configureEcho`. */
export interface EchoHolder {
  /** The echo, created now if it does not exist yet. Call it from effects, never while rendering. */
  get(): HeraldEcho;
  /** The echo if it exists, without creating it: what render-time snapshots read. */
  peek(): HeraldEcho | undefined;
}

/**
 * Creates a holder for `source`. A factory runs at most once, on the first {@link EchoHolder.get}.
 *
 * @example
 * ```ts
 * const holder = createEchoHolder(() => createEcho({ key: 'app-key', host: 'ws.example.com' }));
 * holder.peek(); // undefined: nothing connected yet
 * holder.get().channels.acquire('news');
 * ```
 */
export function createEchoHolder(source: EchoSource): EchoHolder {
  let instance = typeof source === 'function' ? undefined : source;
  return {
    get() {
      instance ??= (source as () => HeraldEcho)();
      return instance;
    },
    peek: () => instance,
  };
}

/**
 * The connection status of `holder` as a store that creates the echo on first subscribe and reads
 * {@link INITIAL_CONNECTION_STATUS} until then, so a server render shows the initial state.
 */
export function connectionStatusOf(holder: EchoHolder): ReadableStore<ConnectionStatus> {
  return {
    subscribe: (listener) => holder.get().status.subscribe(listener),
    getSnapshot: () => holder.peek()?.status.getSnapshot() ?? INITIAL_CONNECTION_STATUS,
  };
}

/** The offline queue's state before anything was queued (and on the server). */
export const INITIAL_OFFLINE_QUEUE_STATE: OfflineQueueState = Object.freeze({
  size: 0,
  droppedCount: 0,
});

/**
 * The offline queue of `holder` (whispers waiting for their channel) as a store that creates the
 * echo on first subscribe and reads {@link INITIAL_OFFLINE_QUEUE_STATE} until then, like
 * {@link connectionStatusOf}: what an "offline: messages will be sent when you reconnect" banner reads.
 */
export function offlineQueueOf(holder: EchoHolder): ReadableStore<OfflineQueueState> {
  return {
    subscribe: (listener) => holder.get().queue.subscribe(listener),
    getSnapshot: () => holder.peek()?.queue.getSnapshot() ?? INITIAL_OFFLINE_QUEUE_STATE,
  };
}
