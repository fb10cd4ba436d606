// @herald/metrics: Prometheus metrics for a Herald node (prom-client), served by handle() or listen().
export { createMetrics } from './create-metrics';
export type { HeraldMetrics, MetricsSource } from './create-metrics';
export { METRICS_DEFAULTS } from './metrics-options';
export type {
  MetricsOptions,
  MetricsListenOptions,
  MetricsServer,
  WebhookOutcome,
} from './metrics-options';
export { MetricsPath } from './metrics-endpoint';
export { MetricName, Label } from './metric-names';
