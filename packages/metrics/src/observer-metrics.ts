// Metrics fed by HeraldObserver hooks (and the webhooks module): counters of things that happen.
import { Counter, Gauge } from 'prom-client';
import type { HeraldObserver } from '@herald/protocol';
import { ChildCache } from './child-cache';
import type { MetricRegistrar } from './metric-registrar';
import { Label, MetricName, UNKNOWN_APP } from './metric-names';
import type { WebhookOutcome } from './metrics-options';

/** Methods kept as their own label value; anything else is `OTHER`, so a client cannot grow the series. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** What {@link registerObserverMetrics} hands back. */
export interface ObserverMetrics {
  /** The hooks to pass to `herald.observe`. Each is O(1): a Map lookup and an increment. */
  readonly observer: HeraldObserver;
  /** Counts one webhook delivery attempt; a plain function, safe to pass around unbound. */
  readonly observeWebhook: (e: WebhookOutcome) => void;
}

/**
 * Registers the event counters in `registry`. `isClustered` adds the bus status gauge and node
 * removals, which a single node never reports.
 */
export function registerObserverMetrics(
  metrics: MetricRegistrar,
  isClustered: boolean,
): ObserverMetrics {
  const { prefix } = metrics;
  const counter = <L extends string>(name: string, help: string, labelNames: L[]): Counter<L> =>
    metrics.add(
      prefix + name,
      new Counter({ name: prefix + name, help, labelNames, registers: [] }),
    );

  const opened = counter(
    MetricName.ConnectionsOpened,
    'Connections established, by transport (ws, or the HTTP fallback: xhr_streaming, xhr_polling).',
    [Label.AppId, Label.Transport],
  );
  const rejected = counter(
    MetricName.ConnectionsRejected,
    'Connections refused before or at establishment, by Pusher error code (no app label: the key may be unknown).',
    [Label.Code],
  );
  const api = counter(MetricName.ApiRequests, 'HTTP API requests answered, by method and status.', [
    Label.AppId,
    Label.Method,
    Label.Status,
  ]);
  const clientErrors = counter(
    MetricName.ClientErrors,
    'pusher:error and pusher:subscription_error frames sent to clients, by code.',
    [Label.AppId, Label.Code],
  );
  const dropped = counter(
    MetricName.MessagesDropped,
    'Messages that did not reach their recipient, by reason.',
    [Label.AppId, Label.Reason],
  );
  const webhooks = counter(MetricName.Webhooks, 'Webhook delivery attempts, by outcome.', [
    Label.AppId,
    Label.Outcome,
  ]);
  const webhookEvents = counter(
    MetricName.WebhookEvents,
    'Events carried by webhook delivery attempts, by outcome.',
    [Label.AppId, Label.Outcome],
  );
  const internalErrors = counter(
    MetricName.InternalErrors,
    'Bugs in the core caught at a seam.',
    [],
  );

  const openedBy = new ChildCache((appId, transport) => opened.labels(appId, transport));
  const rejectedBy = new ChildCache((code) => rejected.labels(code));
  const apiBy = new ChildCache((appId, method, status) => api.labels(appId, method, status));
  const clientErrorsBy = new ChildCache((appId, code) => clientErrors.labels(appId, code));
  const droppedBy = new ChildCache((appId, reason) => dropped.labels(appId, reason));
  const webhooksBy = new ChildCache((appId, outcome) => webhooks.labels(appId, outcome));
  const webhookEventsBy = new ChildCache((appId, outcome) => webhookEvents.labels(appId, outcome));

  const observer: HeraldObserver = {
    connectionOpened: (e) => openedBy.get(e.app.id, e.transport).inc(),
    connectionRejected: (e) => rejectedBy.get(String(e.code)).inc(),
    apiRequest: (e) => {
      const method = e.method.toUpperCase();
      apiBy
        .get(
          e.app?.id ?? UNKNOWN_APP,
          KNOWN_METHODS.has(method) ? method : 'OTHER',
          String(e.status),
        )
        .inc();
    },
    clientError: (e) =>
      clientErrorsBy.get(e.app?.id ?? UNKNOWN_APP, e.code === null ? '' : String(e.code)).inc(),
    messageDropped: (e) => droppedBy.get(e.app?.id ?? UNKNOWN_APP, e.reason).inc(),
    internalError: () => internalErrors.inc(),
  };

  if (isClustered) {
    const removals = counter(
      MetricName.NodeRemovals,
      'Other nodes removed after missing their heartbeats.',
      [],
    );
    // A plain set from the last report, so it cannot drift. `ready` resolves only once the bus
    // subscriptions are active, and the bus reports only changes: 1 until it says `down`.
    const busUp = metrics.add(
      prefix + MetricName.BusUp,
      new Gauge({
        name: prefix + MetricName.BusUp,
        help: 'Whether the scaling bus connection is up (1) or down (0).',
        registers: [],
      }),
    );
    busUp.set(1);
    observer.nodeRemoved = () => removals.inc();
    observer.busStatus = (e) => busUp.set(e.status === 'up' ? 1 : 0);
  }

  return {
    observer,
    observeWebhook: (e) => {
      webhooksBy.get(e.appId, e.outcome).inc();
      // A bad count from the caller must not throw into its delivery loop.
      if (Number.isFinite(e.events) && e.events > 0)
        webhookEventsBy.get(e.appId, e.outcome).inc(e.events);
    },
  };
}
