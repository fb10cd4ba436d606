// herald.config.json: its shape, and validation that names the exact field at fault.
import {
  DEFAULT_APP_LIMITS,
  defineRecovery,
  defineWebhooks,
  type AppConfig,
} from '@herald/protocol';
import { validateScaling, type ScalingSettings } from './scaling-settings';
import { validateOpsFile, type OpsFileSettings } from './ops-settings';

/** The options of `herald.config.json`; every field is optional. */
export interface HeraldConfigFile extends OpsFileSettings {
  host?: string;
  port?: number;
  apps?: AppConfig[];
  activityTimeoutSeconds?: number;
  pongTimeoutMs?: number;
  maxBufferedBytes?: number;
  fanoutChunkSize?: number;
  subscriptionCountThrottleMs?: number;
  /** Error replies one socket may earn per `invalidMessageWindowMs` before it is closed (4150). */
  maxInvalidMessages?: number;
  invalidMessageWindowMs?: number;
  /** Fan-out deliveries queued on this node before publishes get 503 with Retry-After. */
  maxQueuedDeliveries?: number;
  /** Event-loop lag in ms past which publishes get 503 with Retry-After. */
  maxEventLoopLagMs?: number;
  /** Bytes of HTTP request bodies held at once before requests get 503 with Retry-After. */
  maxInFlightBodyBytes?: number;
  /** Milliseconds over which SIGTERM spreads the 4200 closes. */
  drainWindowMs?: number;
  /** A bus joining this node to others; absent = single node. */
  scaling?: ScalingSettings;
  /** PEM files to serve wss:// and https:// directly. */
  tls?: { cert: string; key: string };
}

/** A configuration mistake. `message` names the field, e.g. `apps[0].key must be a non-empty string`. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Core options taken from the file as positive numbers. */
const POSITIVE_NUMBER_FIELDS = [
  'activityTimeoutSeconds',
  'pongTimeoutMs',
  'maxBufferedBytes',
  'fanoutChunkSize',
  'subscriptionCountThrottleMs',
  'maxInvalidMessages',
  'invalidMessageWindowMs',
  'maxQueuedDeliveries',
  'maxEventLoopLagMs',
  'maxInFlightBodyBytes',
] as const;
/** `$schema` is accepted so editors can offer completion; it means nothing to Herald. */
const TOP_LEVEL_FIELDS = new Set([
  '$schema',
  'host',
  'port',
  'apps',
  'drainWindowMs',
  'scaling',
  'tls',
  'log',
  'metrics',
  'appsDatabase',
  ...POSITIVE_NUMBER_FIELDS,
]);
const APP_FIELDS = new Set([
  'id',
  'key',
  'secret',
  'enabled',
  'clientEvents',
  'allowedOrigins',
  'subscriptionCount',
  'cacheTtlSeconds',
  'signinTimeoutMs',
  'webhooks',
  'recovery',
  'limits',
]);
const RECOVERY_FIELDS = new Set([
  'channels',
  'maxEvents',
  'maxAgeSeconds',
  'maxBytes',
  'clientEvents',
]);
/** App settings taken as non-negative numbers. */
const APP_NUMBER_FIELDS = ['cacheTtlSeconds', 'signinTimeoutMs'] as const;
const CLIENT_EVENT_POLICIES = ['members', 'none'];

/**
 * Checks parsed JSON against {@link HeraldConfigFile}. Unknown fields are errors, since a typo
 * (`"prot": 6001`) would otherwise be silently ignored.
 * @throws ConfigError naming the first field at fault.
 */
export function validateConfigFile(json: unknown): HeraldConfigFile {
  const file = expectObject(json, 'the config file');
  rejectUnknown(file, TOP_LEVEL_FIELDS, '');
  const config: HeraldConfigFile = validateOpsFile(file);
  if (file.host !== undefined) config.host = expectHost(file.host, 'host');
  if (file.port !== undefined) config.port = expectPort(file.port, 'port');
  for (const field of POSITIVE_NUMBER_FIELDS) {
    const value = file[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new ConfigError(`${field} must be a positive number`);
    }
    config[field] = value;
  }
  if (file.drainWindowMs !== undefined)
    config.drainWindowMs = expectNonNegative(file.drainWindowMs, 'drainWindowMs');
  if (file.scaling !== undefined) config.scaling = validateScaling(file.scaling);
  if (file.tls !== undefined) {
    const tls = expectObject(file.tls, 'tls');
    rejectUnknown(tls, new Set(['cert', 'key']), 'tls.');
    config.tls = {
      cert: expectNonEmpty(tls.cert, 'tls.cert'),
      key: expectNonEmpty(tls.key, 'tls.key'),
    };
  }
  if (file.apps !== undefined) {
    if (!Array.isArray(file.apps)) throw new ConfigError('apps must be an array');
    config.apps = file.apps.map((app, i) => validateApp(app, `apps[${i}]`));
    rejectDuplicates(config.apps);
  }
  return config;
}

/** Checks one app entry; `at` is its path for messages, e.g. `apps[0]`. */
export function validateApp(json: unknown, at: string): AppConfig {
  const app = expectObject(json, at);
  rejectUnknown(app, APP_FIELDS, `${at}.`);
  const config: AppConfig = {
    id: expectNonEmpty(app.id, `${at}.id`),
    key: expectNonEmpty(app.key, `${at}.key`),
    secret: expectNonEmpty(app.secret, `${at}.secret`),
  };
  if (app.enabled !== undefined) {
    if (typeof app.enabled !== 'boolean')
      throw new ConfigError(`${at}.enabled must be true or false`);
    config.enabled = app.enabled;
  }
  if (app.clientEvents !== undefined) {
    if (typeof app.clientEvents !== 'string' || !CLIENT_EVENT_POLICIES.includes(app.clientEvents)) {
      throw new ConfigError(`${at}.clientEvents must be "members" or "none"`);
    }
    config.clientEvents = app.clientEvents as AppConfig['clientEvents'];
  }
  if (app.subscriptionCount !== undefined) {
    if (typeof app.subscriptionCount !== 'boolean') {
      throw new ConfigError(`${at}.subscriptionCount must be true or false`);
    }
    config.subscriptionCount = app.subscriptionCount;
  }
  if (app.allowedOrigins !== undefined) {
    const origins = app.allowedOrigins;
    if (!Array.isArray(origins) || !origins.every((o) => typeof o === 'string' && o.length > 0)) {
      throw new ConfigError(
        `${at}.allowedOrigins must be a list of non-empty strings, e.g. ["https://*.example.com"]`,
      );
    }
    config.allowedOrigins = origins as string[];
  }
  for (const field of APP_NUMBER_FIELDS) {
    const value = app[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ConfigError(`${at}.${field} must be a non-negative number`);
    }
    config[field] = value;
  }
  if (app.webhooks !== undefined) {
    try {
      config.webhooks = defineWebhooks(String(app.id), app.webhooks);
    } catch (error) {
      // defineWebhooks names the app by id; the config file reader names it by its place.
      throw new ConfigError((error as Error).message.replace(`app "${String(app.id)}" `, `${at}.`));
    }
  }
  if (app.recovery !== undefined) {
    rejectUnknown(expectObject(app.recovery, `${at}.recovery`), RECOVERY_FIELDS, `${at}.recovery.`);
    try {
      defineRecovery(String(app.id), app.recovery);
    } catch (error) {
      throw new ConfigError((error as Error).message.replace(`app "${String(app.id)}" `, `${at}.`));
    }
    config.recovery = app.recovery as AppConfig['recovery'];
  }
  if (app.limits !== undefined) {
    const limits = expectObject(app.limits, `${at}.limits`);
    for (const [name, value] of Object.entries(limits)) {
      if (!(name in DEFAULT_APP_LIMITS)) {
        const known = Object.keys(DEFAULT_APP_LIMITS).join(', ');
        throw new ConfigError(`${at}.limits.${name} is not a known limit (known: ${known})`);
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new ConfigError(`${at}.limits.${name} must be a non-negative number`);
      }
    }
    config.limits = limits;
  }
  return config;
}

/** A TCP port: an integer from 0 to 65535. */
export function expectPort(value: unknown, field: string): number {
  const port = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(
      `${field} must be an integer from 0 to 65535 (got ${JSON.stringify(value)})`,
    );
  }
  return port;
}

/** A non-negative number (strings of digits accepted, as flags and variables arrive). */
export function expectNonNegative(value: unknown, field: string): number {
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) {
    throw new ConfigError(`${field} must be a non-negative number (got ${JSON.stringify(value)})`);
  }
  return number;
}

/** A host name or address to listen on. */
export function expectHost(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(`${field} must be a non-empty string`);
  }
  return value.trim();
}

/** A non-empty string, such as an app credential. */
export function expectNonEmpty(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConfigError(`${field} must be a non-empty string`);
  }
  return value;
}

function expectObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${field} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function rejectUnknown(object: Record<string, unknown>, known: Set<string>, prefix: string): void {
  for (const name of Object.keys(object)) {
    if (!known.has(name)) {
      throw new ConfigError(
        `${prefix}${name} is not a known option (known: ${[...known].join(', ')})`,
      );
    }
  }
}

/** Rejects two apps with the same id or key; a client or publisher could not tell them apart. */
export function rejectDuplicates(apps: readonly AppConfig[]): void {
  for (const field of ['id', 'key'] as const) {
    const seen = new Map<string, number>();
    apps.forEach((app, i) => {
      const first = seen.get(app[field]);
      if (first !== undefined) {
        throw new ConfigError(`apps[${i}].${field} duplicates apps[${first}].${field}`);
      }
      seen.set(app[field], i);
    });
  }
}
