// createHerald(): wires the core together and returns the handlers adapters drive.
import { readAppStats } from './apps/app-stats';
import { StaticAppProvider } from './apps/static-app-provider';
import { systemClock } from './clock/system-clock';
import { ActivityMonitor } from './connections/activity-monitor';
import { drainConnections } from './connections/drain';
import { SocketHandler } from './connections/socket-handler';
import type { AppProvider } from './contracts/app-provider';
import type { Clock } from './contracts/clock';
import type { Herald } from './contracts/herald';
import { ErrorCode } from './errors/error-codes';
import { HERALD_DEFAULTS, type HeraldOptions } from './herald-options';
import { LocalChannelQueries } from './http-api/channel-queries';
import { HttpApiHandler } from './http-api/http-api-handler';
import { PublishAdmission } from './http-api/publish-admission';
import { EventLoopLag } from './clock/event-loop-lag';
import { ObserverHub } from './observers/observer-hub';
import { ClusterNode } from './cluster/cluster-node';
import { ClusterChannelQueries } from './cluster/cluster-channel-queries';
import { ServerContext } from './server-context';
import { ApiGate } from './server-api/api-gate';
import { CoreHeraldApi } from './server-api/server-api';
import type { EventMap } from './server-api/server-api-types';
import { MemoryHistoryStore } from './history/memory-history-store';
import type { HistoryStore } from './contracts/history-store';

/** Largest HTTP body an adapter reads before answering 413 (per-app limits apply below it). */
const MAX_HTTP_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Creates a protocol core. It owns no sockets and no ports: an adapter (Node, Bun) feeds it
 * connections and HTTP requests.
 *
 * @example
 * ```ts
 * const herald = createHerald({ apps: [{ id: '1', key: 'app-key', secret: 'app-secret' }] });
 * // adapter: const conn = herald.connections.open(socket, request); herald.connections.message(conn, text) ...
 * const response = await herald.http.handle({ method: 'GET', path: '/up', query: '', headers: {}, body: '' });
 * ```
 */
export function createHerald<Events extends EventMap = EventMap>(
  options: HeraldOptions,
): Herald<Events> {
  if (typeof options !== 'object' || options === null || options.apps === undefined) {
    throw new TypeError(
      'createHerald needs { apps }: a list of { id, key, secret } or an AppProvider',
    );
  }
  const provider: AppProvider = Array.isArray(options.apps)
    ? new StaticAppProvider(options.apps)
    : (options.apps as AppProvider);
  const settings = {
    activityTimeoutSeconds:
      options.activityTimeoutSeconds ?? HERALD_DEFAULTS.activityTimeoutSeconds,
    pongTimeoutMs: options.pongTimeoutMs ?? HERALD_DEFAULTS.pongTimeoutMs,
    maxBufferedBytes: options.maxBufferedBytes ?? HERALD_DEFAULTS.maxBufferedBytes,
    fanoutChunkSize: options.fanoutChunkSize ?? HERALD_DEFAULTS.fanoutChunkSize,
    subscriptionCountThrottleMs:
      options.subscriptionCountThrottleMs ?? HERALD_DEFAULTS.subscriptionCountThrottleMs,
    maxInvalidMessages: options.maxInvalidMessages ?? HERALD_DEFAULTS.maxInvalidMessages,
    invalidMessageWindowMs:
      options.invalidMessageWindowMs ?? HERALD_DEFAULTS.invalidMessageWindowMs,
    maxQueuedDeliveries: options.maxQueuedDeliveries ?? HERALD_DEFAULTS.maxQueuedDeliveries,
    maxEventLoopLagMs: options.maxEventLoopLagMs ?? HERALD_DEFAULTS.maxEventLoopLagMs,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (typeof value !== 'number' || !(value > 0))
      throw new TypeError(`${name} must be a positive number`);
  }
  const observers = new ObserverHub(options.observers);
  const ctx = new ServerContext(provider, options.clock ?? systemClock, settings, observers);
  ctx.history = historyStoreOf(options, ctx.clock);
  const sockets = new SocketHandler(ctx);
  if (options.scaling) ctx.cluster = new ClusterNode(ctx, options.scaling, options.cluster);
  const queries = ctx.cluster
    ? new ClusterChannelQueries(ctx, ctx.cluster)
    : new LocalChannelQueries(ctx.apps);
  const lag = new EventLoopLag(ctx.clock);
  // One gate for HTTP and in-process calls: one rate budget per app, one overload admission.
  const gate = new ApiGate(ctx, new PublishAdmission(ctx, lag));
  const http = new HttpApiHandler(ctx, queries, gate, MAX_HTTP_BODY_BYTES);
  const api = new CoreHeraldApi<Events>(ctx, queries, gate, impliedAppId(options.apps));
  const monitor = new ActivityMonitor(ctx);
  monitor.start();
  lag.start();
  const ready = ctx.cluster ? ctx.cluster.start() : Promise.resolve();
  // Surfaced through `ready`; the catch only keeps an unobserved rejection from crashing the process.
  ready.catch(() => undefined);

  return {
    ready,
    get nodeId() {
      return ctx.cluster?.nodeId;
    },
    get peerCount() {
      return ctx.cluster?.peerCount ?? 0;
    },
    connections: sockets,
    http,
    api,
    observe: (observer) => observers.add(observer),
    stats: () => ({
      nodeId: ctx.cluster?.nodeId,
      peers: ctx.cluster?.peerCount ?? 0,
      pendingFanouts: ctx.broadcaster.pendingJobs,
      queuedDeliveries: ctx.broadcaster.queuedDeliveries,
      eventLoopLagMs: lag.lagMs,
      bus: ctx.cluster && {
        published: ctx.cluster.published,
        received: ctx.cluster.received,
        failed: ctx.cluster.droppedPublishes,
      },
      apps: [...ctx.apps.values()].map((state) => {
        const stats = readAppStats(state);
        const usage = state.app.recovery && ctx.history?.usage?.(state.app.id);
        return usage ? { ...stats, history: usage } : stats;
      }),
    }),
    get connectionCount() {
      return sockets.connectionCount;
    },
    get isDraining() {
      return ctx.isDraining;
    },
    drain: (drainOptions = {}) => drainConnections(ctx, [...sockets.all()], drainOptions),
    async close(code = ErrorCode.ReconnectNow, reason = 'Server is shutting down') {
      monitor.stop();
      lag.stop();
      ctx.isDraining = true;
      for (const conn of [...sockets.all()]) ctx.closeConnection(conn, code, reason);
      await ctx.cluster?.stop();
      await ctx.history?.close?.();
    },
  };
}

/** The history store of resumable channels: the option, or in memory on a single node. */
function historyStoreOf(options: HeraldOptions, clock: Clock): HistoryStore | undefined {
  const history = options.history;
  if (history === false) return undefined;
  if (history === undefined) return options.scaling ? undefined : new MemoryHistoryStore(clock);
  // Cross-node delivery does not carry serials yet (issue 15's cluster part): until it does, a
  // history store on a cluster would number events that other nodes deliver unnumbered.
  if (options.scaling) {
    throw new TypeError(
      history.isShared
        ? 'createHerald: resumable channels on a cluster are not supported yet; leave history out with scaling'
        : 'createHerald: with scaling, resumable channels need a history store every node shares (isShared), and cluster support is not built yet; leave history out',
    );
  }
  return history;
}

/** The app the API speaks for without `forApp`: the only one of a static list. */
function impliedAppId(apps: HeraldOptions['apps']): string | undefined {
  return Array.isArray(apps) && apps.length === 1 ? (apps[0] as { id: string }).id : undefined;
}
