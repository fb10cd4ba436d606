// Operations around a CLI server: the apps source, webhooks, metrics and logs, and their shutdown.
import type { AppConfig, AppProvider, Herald, HeraldObserver } from '@herald/protocol';
import type * as HeraldPostgres from '@herald/postgres';
import { createMetrics, MetricsPath, type HeraldMetrics } from '@herald/metrics';
import { createWebhooks, type Webhooks } from '@herald/webhooks';
import { ConfigError } from './config';
import { createLogObserver } from './log-observer';
import type { Logger } from './logger';
import type { HttpRoute } from '@herald/node';
import type { OpsSettings } from './ops-settings';

/** Apps for the server: the configured list, or a provider over the apps database. */
export async function resolveApps(
  ops: OpsSettings,
  apps: AppConfig[],
  logger: Logger,
): Promise<{ apps: AppConfig[] | AppProvider; close(): Promise<void> }> {
  if (ops.webhookUrl !== undefined) {
    if (apps.length === 0)
      throw new ConfigError(
        '--webhook-url needs an app to send for; with an apps database, set webhooks per app in its table',
      );
    const [first, ...rest] = apps as [AppConfig, ...AppConfig[]];
    apps = [{ ...first, webhooks: [...(first.webhooks ?? []), { url: ops.webhookUrl }] }, ...rest];
  }
  if (ops.appsDatabase === undefined) return { apps, close: () => Promise.resolve() };
  let postgres: typeof HeraldPostgres;
  try {
    postgres = await import('@herald/postgres');
  } catch {
    throw new ConfigError(
      '--apps-database-url needs the package "@herald/postgres": install it next to @herald/cli (npm install @herald/postgres)',
    );
  }
  const { url, ...rest } = ops.appsDatabase;
  const provider = postgres.createPostgresAppProvider({
    connectionString: url,
    ...rest,
    onError: (error) =>
      logger.error({ event: 'apps_database_error', err: error }, `apps database: ${error.message}`),
  });
  return { apps: provider, close: () => provider.close() };
}

/** What the CLI adds to a server: observers and routes before it is created, the rest after. */
export interface Operations {
  readonly webhooks: Webhooks;
  readonly observers: HeraldObserver[];
  readonly routes: HttpRoute[];
  /** Starts metrics (on their own port when asked) once the server exists. */
  attach(herald: Herald, host: string): Promise<string | undefined>;
  /** Flushes webhooks (held leaves included) and pending log summaries, stops metrics; call after the server closed. */
  close(): Promise<void>;
}

export function createOperations(ops: OpsSettings, logger: Logger): Operations {
  let metrics: HeraldMetrics | undefined;
  const logs = createLogObserver(logger);
  const webhooks = createWebhooks({
    logger: logger.child({ module: 'webhooks' }),
    onOutcome: (outcome) => metrics?.observeWebhook(outcome),
  });
  // The route exists before the server does (routes are fixed at creation); metrics follow in attach.
  const routes: HttpRoute[] =
    ops.metrics !== undefined && ops.metrics.port === undefined
      ? [
          {
            paths: Object.values(MetricsPath),
            handle: (request) => metrics?.handle(request) ?? Promise.resolve(undefined),
          },
        ]
      : [];
  return {
    webhooks,
    observers: [logs.observer, webhooks.observer],
    routes,
    async attach(herald, host) {
      if (ops.metrics === undefined) return undefined;
      metrics = createMetrics(herald);
      if (ops.metrics.port === undefined) return `metrics on ${MetricsPath.Text} of the main port`;
      const server = await metrics.listen({ port: ops.metrics.port, host });
      return `metrics on http://${host.includes(':') ? `[${host}]` : host}:${server.port}${MetricsPath.Text}`;
    },
    async close() {
      await webhooks.close();
      await metrics?.close();
      // Repeats counted since their last summary would otherwise go unreported.
      logs.flush();
    },
  };
}
