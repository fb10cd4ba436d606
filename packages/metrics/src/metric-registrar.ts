// MetricRegistrar: registers metrics in any registry (Prometheus or OpenMetrics) and remembers their names.
import type { Metric, Registry, RegistryContentType } from 'prom-client';

/**
 * prom-client's `registers` option is typed for Prometheus-text registries only; going through
 * `registerMetric` accepts an OpenMetrics registry too. The names let `close()` remove exactly
 * what was added.
 */
export class MetricRegistrar {
  readonly names: string[] = [];

  constructor(
    readonly registry: Registry<RegistryContentType>,
    readonly prefix: string,
  ) {}

  /** Registers `metric`, created with `registers: []` under `name` (already prefixed). */
  add<M extends Metric<string>>(name: string, metric: M): M {
    this.registry.registerMetric(metric);
    this.names.push(name);
    return metric;
  }
}
