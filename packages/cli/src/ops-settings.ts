// Operations settings of the CLI: logs, metrics, webhooks and an apps database.
import { ConfigError, expectNonEmpty, expectPort } from './config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** `log`, `metrics` and `appsDatabase` in herald.config.json. */
export interface OpsFileSettings {
  log?: { level?: LogLevel; format?: LogFormat };
  /** `port` serves metrics on a port of their own; without it they share the main port. */
  metrics?: { enabled?: boolean; port?: number };
  /** Apps from a PostgreSQL table (@herald/postgres) instead of `apps`. */
  appsDatabase?: { url: string; table?: string; cacheTtlMs?: number; listen?: boolean };
}

/** The merged operations settings. */
export interface OpsSettings {
  log: { level: LogLevel; format: LogFormat };
  /** `undefined`: no metrics. `port` undefined: `/metrics` on the main port. */
  metrics: { port: number | undefined } | undefined;
  /** Every event type of the default app goes here (`--webhook-url`). */
  webhookUrl: string | undefined;
  appsDatabase: { url: string; table?: string; cacheTtlMs?: number; listen?: boolean } | undefined;
}

/** The flags this module reads (commander's camelCase, all strings or booleans). */
export interface OpsFlags {
  logLevel?: string;
  logFormat?: string;
  metrics?: boolean;
  metricsPort?: string;
  webhookUrl?: string;
  appsDatabaseUrl?: string;
  appsTable?: string;
}

type Lookup = (name: string) => { value: unknown; field: string } | undefined;

/** flag > HERALD_* > config file > default, as for every other setting. */
export function resolveOpsSettings(
  flags: OpsFlags,
  env: Lookup,
  file: OpsFileSettings,
): OpsSettings {
  const level = pick(
    flags.logLevel,
    '--log-level',
    env('HERALD_LOG_LEVEL'),
    file.log?.level,
    'log.level',
  );
  const format = pick(
    flags.logFormat,
    '--log-format',
    env('HERALD_LOG_FORMAT'),
    file.log?.format,
    'log.format',
  );
  const metricsPort = pick(
    flags.metricsPort,
    '--metrics-port',
    env('HERALD_METRICS_PORT'),
    file.metrics?.port,
    'metrics.port',
  );
  const metricsOn =
    flags.metrics === true ||
    isTrue(env('HERALD_METRICS')) ||
    file.metrics?.enabled === true ||
    metricsPort !== undefined;
  const webhookUrl = pick(
    flags.webhookUrl,
    '--webhook-url',
    env('HERALD_WEBHOOK_URL'),
    undefined,
    '',
  );
  const dbUrl = pick(
    flags.appsDatabaseUrl,
    '--apps-database-url',
    env('HERALD_APPS_DATABASE_URL'),
    file.appsDatabase?.url,
    'appsDatabase.url',
  );
  const table = pick(
    flags.appsTable,
    '--apps-table',
    env('HERALD_APPS_TABLE'),
    file.appsDatabase?.table,
    'appsDatabase.table',
  );
  if (webhookUrl !== undefined && !/^https?:\/\/\S+$/.test(String(webhookUrl.value))) {
    throw new ConfigError(`${webhookUrl.field} must be an http(s) URL`);
  }
  return {
    log: {
      level: level === undefined ? 'info' : oneOf(level, LOG_LEVELS),
      format: format === undefined ? 'json' : oneOf(format, LOG_FORMATS),
    },
    metrics: metricsOn
      ? {
          port:
            metricsPort === undefined
              ? undefined
              : expectPort(metricsPort.value, metricsPort.field),
        }
      : undefined,
    webhookUrl: webhookUrl === undefined ? undefined : String(webhookUrl.value),
    appsDatabase:
      dbUrl === undefined
        ? undefined
        : {
            ...file.appsDatabase,
            url: expectNonEmpty(dbUrl.value, dbUrl.field),
            ...(table === undefined ? {} : { table: expectNonEmpty(table.value, table.field) }),
          },
  };
}

/** Checks `log`, `metrics` and `appsDatabase` of a config file. */
export function validateOpsFile(file: Record<string, unknown>): OpsFileSettings {
  const result: OpsFileSettings = {};
  if (file.log !== undefined) {
    const log = object(file.log, 'log', ['level', 'format']);
    result.log = {
      ...(log.level === undefined
        ? {}
        : { level: oneOf({ value: log.level, field: 'log.level' }, LOG_LEVELS) }),
      ...(log.format === undefined
        ? {}
        : { format: oneOf({ value: log.format, field: 'log.format' }, LOG_FORMATS) }),
    };
  }
  if (file.metrics !== undefined) {
    const metrics = object(file.metrics, 'metrics', ['enabled', 'port']);
    if (metrics.enabled !== undefined && typeof metrics.enabled !== 'boolean')
      throw new ConfigError('metrics.enabled must be true or false');
    result.metrics = {
      ...(metrics.enabled === undefined ? {} : { enabled: metrics.enabled }),
      ...(metrics.port === undefined ? {} : { port: expectPort(metrics.port, 'metrics.port') }),
    };
  }
  if (file.appsDatabase !== undefined) {
    const db = object(file.appsDatabase, 'appsDatabase', ['url', 'table', 'cacheTtlMs', 'listen']);
    if (
      db.cacheTtlMs !== undefined &&
      (typeof db.cacheTtlMs !== 'number' || !(db.cacheTtlMs >= 0))
    ) {
      throw new ConfigError('appsDatabase.cacheTtlMs must be a non-negative number');
    }
    if (db.listen !== undefined && typeof db.listen !== 'boolean')
      throw new ConfigError('appsDatabase.listen must be true or false');
    result.appsDatabase = {
      url: expectNonEmpty(db.url, 'appsDatabase.url'),
      ...(db.table === undefined ? {} : { table: expectNonEmpty(db.table, 'appsDatabase.table') }),
      ...(db.cacheTtlMs === undefined ? {} : { cacheTtlMs: db.cacheTtlMs }),
      ...(db.listen === undefined ? {} : { listen: db.listen }),
    };
  }
  return result;
}

function pick(
  flag: string | undefined,
  flagName: string,
  env: { value: unknown; field: string } | undefined,
  fromFile: unknown,
  fileField: string,
) {
  if (flag !== undefined) return { value: flag, field: flagName };
  if (env !== undefined) return env;
  return fromFile === undefined ? undefined : { value: fromFile, field: fileField };
}

function oneOf<T extends string>(
  source: { value: unknown; field: string },
  allowed: readonly T[],
): T {
  if (typeof source.value !== 'string' || !(allowed as readonly string[]).includes(source.value)) {
    throw new ConfigError(
      `${source.field} must be one of ${allowed.join(', ')} (got ${JSON.stringify(source.value)})`,
    );
  }
  return source.value as T;
}

function isTrue(source: { value: unknown } | undefined): boolean {
  return source !== undefined && /^(1|true|yes|on)$/i.test(String(source.value));
}

function object(value: unknown, field: string, known: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError(`${field} must be a JSON object`);
  for (const name of Object.keys(value)) {
    if (!known.includes(name))
      throw new ConfigError(`${field}.${name} is not a known option (known: ${known.join(', ')})`);
  }
  return value as Record<string, unknown>;
}
