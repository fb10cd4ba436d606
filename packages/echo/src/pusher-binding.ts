// Pusher binding: hands pusher-js's reconnection timing to the Reconnector and reports its events.
import type Pusher from 'pusher-js';
import type { Clock } from './clock';
import type { ConnectionError } from './connection-status';
import type { Reconnector } from './reconnector';

/** The private surface of pusher-js 8's ConnectionManager this binding relies on. */
interface ManagerInternals {
  state: string;
  socket_id?: string;
  connection: { transport?: { name?: string } } | null;
  bind(event: string, fn: (data: unknown) => void): void;
  unbind(event: string, fn: (data: unknown) => void): void;
  send_event(name: string, data: unknown): boolean;
  connect(): void;
  retryIn(delayMs: number): void;
  disconnectInternally(): void;
  updateState(state: string): void;
}

interface TimelineInternals {
  info(event: unknown): void;
  error(event: unknown): void;
}

/** pusher-js's connection manager as the Reconnector drives it. */
export function managerOf(pusher: Pusher): ManagerInternals {
  const manager = pusher.connection as unknown as Partial<ManagerInternals>;
  for (const method of ['retryIn', 'disconnectInternally', 'updateState', 'connect'] as const) {
    if (typeof manager[method] !== 'function') {
      throw new TypeError(
        `@herald/echo needs pusher-js 8.x: its ConnectionManager has no ${method}()`,
      );
    }
  }
  return manager as ManagerInternals;
}

/** Pusher close codes 4000–4099: the server refuses, the client must not reconnect. */
function isRefusal(code: number | null): boolean {
  return code !== null && code >= 4000 && code <= 4099;
}

/** Pusher close codes 4100–4199: the server is overloaded or the client too slow; retry later. */
function isBackoff(code: number | null): boolean {
  return code !== null && code >= 4100 && code <= 4199;
}

/**
 * Takes over pusher-js's reconnect timing. Every retry pusher-js schedules (socket closed,
 * 4100 back off, 4200 retry now, pong timeout, browser online) goes through the manager's one
 * `retryIn()`; replacing it on the instance hands the decision to the Reconnector, which then
 * runs attempts through the manager's own `disconnectInternally()` + `connect()`. A transport
 * failing mid-attempt is read from pusher-js's timeline, so a refused socket fails the attempt at
 * once instead of after pusher-js's 15 s strategy timeout. Returns the function that undoes it.
 */
export function bindPusherConnection(
  pusher: Pusher,
  reconnector: Reconnector,
  clock: Clock,
): () => void {
  const manager = managerOf(pusher);
  const timeline = (pusher as unknown as { timeline?: TimelineInternals }).timeline;
  // Restored onto the same instance on undo, so `this` stays right.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalRetryIn = manager.retryIn;
  let pendingRefusal: ConnectionError | undefined;
  // pusher-js reports a 4100–4199 close as an error, then asks for a retry in 1 s (`retryIn`).
  let pendingBackoff: ConnectionError | undefined;

  manager.retryIn = () => {
    const backoff = pendingBackoff;
    pendingBackoff = undefined;
    if (backoff === undefined) reconnector.lost();
    else reconnector.backOff(backoff);
  };

  const onStateChange = (data: unknown): void => {
    const { previous, current } = data as { previous: string; current: string };
    switch (current) {
      case 'connected':
        pendingRefusal = undefined;
        pendingBackoff = undefined;
        reconnector.connected(manager.socket_id ?? '', manager.connection?.transport?.name ?? null);
        break;
      case 'connecting':
        if (previous === 'initialized' || previous === 'disconnected' || previous === 'failed') {
          reconnector.starting();
        }
        break;
      case 'disconnected':
        if (pendingRefusal !== undefined) reconnector.refused(pendingRefusal);
        else reconnector.stopped();
        pendingRefusal = undefined;
        break;
      case 'failed':
        reconnector.refused({
          code: null,
          message: 'no transport pusher-js supports here',
          at: clock.now(),
        });
        break;
      default:
        // 'unavailable' comes from pusher-js's own timer; the Reconnector decides that state.
        break;
    }
  };
  const onError = (data: unknown): void => {
    // Only a close (WebSocketError) can refuse; a `pusher:error` frame leaves the socket open.
    const error = toConnectionError(data, clock.now());
    const isClose = (data as { type?: string })?.type === 'WebSocketError';
    if (isClose && isRefusal(error.code)) pendingRefusal = error;
    if (isClose && isBackoff(error.code)) pendingBackoff = error;
    reconnector.noteError(error);
  };
  manager.bind('state_change', onStateChange);
  manager.bind('error', onError);

  const restoreTimeline =
    timeline === undefined
      ? () => {}
      : watchTransportFailures(pusher, timeline, reconnector, clock);
  if (manager.state === 'connecting') reconnector.starting();

  return () => {
    manager.retryIn = originalRetryIn;
    manager.unbind('state_change', onStateChange);
    manager.unbind('error', onError);
    restoreTimeline();
  };
}

/** The driver the Reconnector uses, on pusher-js's own connection manager. */
export function pusherDriver(pusher: Pusher): { suspend(): void; attempt(): void } {
  const manager = managerOf(pusher);
  return {
    suspend() {
      manager.disconnectInternally();
      // Channels and presence members reset on 'connecting' in pusher-js, and resubscribe on 'connected'.
      manager.updateState('connecting');
    },
    attempt() {
      manager.disconnectInternally();
      manager.connect();
    },
  };
}

/** pusher-js 8's delays before its HTTP fallback starts, after `ws` (and after `wss` without TLS). */
const HTTP_FALLBACK_DELAY_MS = Object.freeze({ tls: 2000, plain: 5000 });

/**
 * How far into an attempt pusher-js starts its HTTP transports (`xhr_streaming`, `xhr_polling`):
 * 0 when there is nothing to wait for (no HTTP transport enabled, or no WebSocket to try first).
 * Transport failures before then are WebSocket failures pusher-js answers with its fallback.
 */
function fallbackStartMs(pusher: Pusher): number {
  const config = (
    pusher as unknown as { config?: { enabledTransports?: string[]; useTLS?: boolean } }
  ).config;
  const enabled = config?.enabledTransports;
  const isEnabled = (name: string): boolean => enabled === undefined || enabled.includes(name);
  const hasHttp = isEnabled('xhr_streaming') || isEnabled('xhr_polling');
  const hasWebSocket = (isEnabled('ws') || isEnabled('wss')) && webSocketExists(pusher);
  if (!hasHttp || !hasWebSocket) return 0;
  return config?.useTLS === true ? HTTP_FALLBACK_DELAY_MS.tls : HTTP_FALLBACK_DELAY_MS.plain;
}

/** Whether pusher-js's runtime has a WebSocket (a browser page may have none). */
function webSocketExists(pusher: Pusher): boolean {
  const runtime = (pusher.constructor as { Runtime?: { getWebSocketAPI?: () => unknown } }).Runtime;
  return runtime?.getWebSocketAPI === undefined || Boolean(runtime.getWebSocketAPI());
}

function watchTransportFailures(
  pusher: Pusher,
  timeline: TimelineInternals,
  reconnector: Reconnector,
  clock: Clock,
): () => void {
  // Called back with the timeline as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { info, error } = timeline;
  const fail = (message: string, code: number | null): void => {
    const ageMs = reconnector.attemptAgeMs;
    if (ageMs === undefined) return;
    // While pusher-js still has its HTTP fallback to try, a failed WebSocket is its business.
    if (ageMs < fallbackStartMs(pusher)) return;
    // Deferred: pusher-js is mid-callback, and failing the attempt aborts its strategy runner.
    queueMicrotask(() => reconnector.attemptFailed({ code, message, at: clock.now() }));
  };
  timeline.info = function (event: unknown) {
    const e = event as {
      cid?: unknown;
      state?: unknown;
      params?: { code?: number; reason?: string };
    };
    if (e?.cid !== undefined && e.state === 'closed') {
      fail(e.params?.reason || 'transport closed', e.params?.code ?? null);
    }
    info.call(this, event);
  };
  timeline.error = function (event: unknown) {
    const e = event as { cid?: unknown; error?: unknown };
    if (e?.cid !== undefined) {
      fail(
        e.error instanceof Error
          ? e.error.message
          : typeof e.error === 'string'
            ? e.error
            : 'transport error',
        null,
      );
    }
    error.call(this, event);
  };
  return () => {
    timeline.info = info;
    timeline.error = error;
  };
}

function toConnectionError(data: unknown, at: number): ConnectionError {
  type Detail = { code?: number; message?: string };
  const outer = data as {
    type?: string;
    data?: Detail;
    error?: { data?: Detail; message?: string };
  };
  const detail = outer?.error?.data ?? outer?.data;
  const code = detail?.code ?? null;
  const message = detail?.message ?? outer?.error?.message ?? outer?.type ?? 'connection error';
  return { code: typeof code === 'number' ? code : null, message: String(message), at };
}
