// Metrics read from herald.stats() at scrape time: per-app gauges and the core's own counters.
import { Counter, Gauge } from 'prom-client';
import type { AppStats } from '@herald/protocol';
import type { MetricRegistrar } from './metric-registrar';
import { Label, MetricName } from './metric-names';
import type { StatsReader } from './stats-reader';

type AppField = Exclude<keyof AppStats, 'appId' | 'history'>;
type HistoryField = keyof NonNullable<AppStats['history']>;
type BusField = 'published' | 'received' | 'failed';

/**
 * Registers the scrape-time metrics. Bus metrics only when `isClustered`: a single node has no
 * bus, and prom-client always gives an unlabeled metric a sample.
 */
export function registerStatsMetrics(
  metrics: MetricRegistrar,
  stats: StatsReader,
  isClustered: boolean,
): void {
  const { prefix } = metrics;

  // Gauges are set from the reading, never moved by observers, so they cannot drift or go
  // negative; `reset()` first drops the series of anything no longer reported.
  const appGauge = (name: string, help: string, field: AppField): void => {
    metrics.add(
      prefix + name,
      new Gauge({
        name: prefix + name,
        help,
        labelNames: [Label.AppId],
        registers: [],
        collect() {
          this.reset();
          for (const app of stats.read().apps) this.set({ [Label.AppId]: app.appId }, app[field]);
        },
      }),
    );
  };

  // The core already counts these; the exported counter is set to the core's total on every
  // scrape (reset, then inc by the total). It stays a `counter` in the exposition, so rate() and
  // increase() keep their meaning, and it cannot drift from the core: no delta bookkeeping here.
  const appCounter = (name: string, help: string, field: AppField): void => {
    metrics.add(
      prefix + name,
      new Counter({
        name: prefix + name,
        help,
        labelNames: [Label.AppId],
        registers: [],
        collect() {
          this.reset();
          for (const app of stats.read().apps) this.inc({ [Label.AppId]: app.appId }, app[field]);
        },
      }),
    );
  };

  // Only apps with resumable channels report history; the others get no series at all.
  const historyGauge = (name: string, help: string, field: HistoryField): void => {
    metrics.add(
      prefix + name,
      new Gauge({
        name: prefix + name,
        help,
        labelNames: [Label.AppId],
        registers: [],
        collect() {
          this.reset();
          for (const app of stats.read().apps)
            if (app.history) this.set({ [Label.AppId]: app.appId }, app.history[field]);
        },
      }),
    );
  };

  const gauge = (name: string, help: string, read: () => number): void => {
    metrics.add(
      prefix + name,
      new Gauge({
        name: prefix + name,
        help,
        registers: [],
        collect() {
          this.set(read());
        },
      }),
    );
  };

  const busCounter = (name: string, help: string, field: BusField): void => {
    metrics.add(
      prefix + name,
      new Counter({
        name: prefix + name,
        help,
        registers: [],
        collect() {
          this.reset();
          this.inc(stats.read().bus?.[field] ?? 0);
        },
      }),
    );
  };

  appGauge(MetricName.Connections, 'Open WebSocket connections.', 'connections');
  appGauge(MetricName.Channels, 'Occupied channels.', 'channels');
  appGauge(
    MetricName.Subscriptions,
    'Channel subscriptions, summed over channels.',
    'subscriptions',
  );
  appGauge(
    MetricName.PresenceMembers,
    'Presence members on local sockets, summed over presence channels.',
    'presenceMembers',
  );
  historyGauge(
    MetricName.HistoryChannels,
    'Resumable channels with kept events (apps with recovery only).',
    'channels',
  );
  historyGauge(MetricName.HistoryEvents, 'Events kept for resumable channels.', 'events');
  historyGauge(
    MetricName.HistoryBytes,
    'Bytes of history kept for resumable channels; bounded by recovery.maxBytes.',
    'bytes',
  );
  appCounter(
    MetricName.WsMessagesReceived,
    'WebSocket messages received from clients.',
    'messagesIn',
  );
  appCounter(MetricName.WsBytesReceived, 'UTF-8 bytes of WebSocket messages received.', 'bytesIn');
  appCounter(MetricName.WsMessagesSent, 'WebSocket frames sent, one per recipient.', 'messagesOut');
  appCounter(MetricName.WsBytesSent, 'UTF-8 bytes of WebSocket frames sent.', 'bytesOut');
  gauge(
    MetricName.PendingFanouts,
    'Fan-out jobs queued behind the event loop; a high value means delivery lags.',
    () => stats.read().pendingFanouts,
  );
  gauge(
    MetricName.QueuedDeliveries,
    'Deliveries queued fan-out jobs still owe; publishes get 503 past maxQueuedDeliveries.',
    () => stats.read().queuedDeliveries,
  );
  gauge(
    MetricName.EventLoopLag,
    'Event-loop lag of the last 100 ms sample, in seconds; publishes get 503 past maxEventLoopLagMs.',
    () => stats.read().eventLoopLagMs / 1000,
  );

  if (!isClustered) return;
  busCounter(MetricName.BusMessagesPublished, 'Messages handed to the scaling bus.', 'published');
  busCounter(MetricName.BusMessagesReceived, 'Messages received from other nodes.', 'received');
  busCounter(MetricName.BusFailures, 'Publishes the bus refused or failed (bus down).', 'failed');
  gauge(MetricName.ClusterPeers, 'Other nodes this one hears from.', () => stats.read().peers);
}
