// CLI settings: flags, HERALD_* and REVERB_* variables and the config file, merged by precedence.
import type { AppConfig } from '@herald/protocol';
import { expectDriver, type ScalingSettings } from './scaling-settings';
import { resolveOpsSettings, type OpsFlags, type OpsSettings } from './ops-settings';
import {
  ConfigError,
  expectNonNegative,
  expectHost,
  expectNonEmpty,
  expectPort,
  rejectDuplicates,
  validateConfigFile,
  type HeraldConfigFile,
} from './config';

/** `herald start` flags as commander parses them (all strings). */
export interface StartFlags extends OpsFlags {
  host?: string;
  port?: string;
  config?: string;
  appId?: string;
  appKey?: string;
  appSecret?: string;
  appMaxChannelsPerConnection?: string;
  scaling?: string;
  redisUrl?: string;
  natsUrl?: string;
  drainWindowMs?: string;
  httpFallbackHostname?: string;
  tlsCert?: string;
  tlsKey?: string;
  runtime?: string;
}

/** Everything the settings are read from; injected so tests need no real environment. */
export interface SettingsSources {
  readonly flags: StartFlags;
  readonly env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): string;
}

/** The merged result: where to listen, which apps, and the core options from the file. */
export interface CliSettings {
  host: string;
  port: number;
  /** Empty when nothing configured an app; the CLI then makes a development app. */
  apps: AppConfig[];
  /** The bus joining this node to others (`local`: none). */
  scaling: ScalingSettings;
  /** Milliseconds over which SIGTERM spreads the 4200 closes. */
  drainWindowMs: number;
  /** This node's own host name for HTTP fallback sessions (`httpFallback.hostname`), if set. */
  httpFallbackHostname: string | undefined;
  /** Which adapter serves: this Node process, or @herald/bun in a Bun process. */
  runtime: 'node' | 'bun';
  /** Paths of the PEM certificate and key, when serving TLS directly. */
  tls: { certPath: string; keyPath: string } | undefined;
  /** Logs, metrics, webhooks and an apps database. */
  ops: OpsSettings;
  /** Core options taken from the config file as they are. */
  core: Pick<
    HeraldConfigFile,
    | 'activityTimeoutSeconds'
    | 'pongTimeoutMs'
    | 'maxBufferedBytes'
    | 'fanoutChunkSize'
    | 'subscriptionCountThrottleMs'
    | 'maxInvalidMessages'
    | 'invalidMessageWindowMs'
    | 'maxQueuedDeliveries'
    | 'maxEventLoopLagMs'
    | 'maxInFlightBodyBytes'
  >;
}

/** CLI defaults: reachable from other machines, on Reverb's default port. */
export const CLI_DEFAULTS = Object.freeze({ host: '0.0.0.0', port: 8080, drainWindowMs: 3000 });

/** A value and the name of the place it came from, for error messages. */
interface Sourced {
  value: unknown;
  field: string;
}

/**
 * Merges the sources. For each setting the first one set wins:
 * flag > `HERALD_*` > `REVERB_*` > config file > default. App credentials given by flags or
 * variables apply to the first app of the config file (its other settings are kept), or define it.
 * @throws ConfigError naming the flag, variable or config field at fault.
 */
export function resolveSettings(sources: SettingsSources): CliSettings {
  const { flags } = sources;
  const env = (name: string): Sourced | undefined => {
    const value = sources.env[name];
    // A Laravel .env often carries `REVERB_APP_ID=` unset; empty means absent.
    return value === undefined || value === '' ? undefined : { value, field: name };
  };
  const flag = (value: string | undefined, name: string): Sourced | undefined =>
    value === undefined ? undefined : { value, field: name };

  const configPath = flag(flags.config, '--config') ?? env('HERALD_CONFIG');
  const file = configPath === undefined ? {} : loadConfigFile(String(configPath.value), sources);

  const host =
    flag(flags.host, '--host') ??
    env('HERALD_HOST') ??
    env('REVERB_SERVER_HOST') ??
    fromFile(file.host, 'host');
  const port =
    flag(flags.port, '--port') ??
    env('HERALD_PORT') ??
    env('REVERB_SERVER_PORT') ??
    fromFile(file.port, 'port');

  const credential = (
    name: 'id' | 'key' | 'secret',
    flagValue: string | undefined,
  ): Sourced | undefined => {
    const upper = name.toUpperCase();
    return (
      flag(flagValue, `--app-${name}`) ?? env(`HERALD_APP_${upper}`) ?? env(`REVERB_APP_${upper}`)
    );
  };
  const given = {
    id: credential('id', flags.appId),
    key: credential('key', flags.appKey),
    secret: credential('secret', flags.appSecret),
  };

  const apps = [...(file.apps ?? [])];
  if (given.id !== undefined || given.key !== undefined || given.secret !== undefined) {
    const base = apps[0];
    // A given but empty credential is reported before a missing one: it is the likelier typo.
    for (const source of [given.id, given.key, given.secret]) {
      if (source !== undefined) expectNonEmpty(source.value, source.field);
    }
    const pick = (name: 'id' | 'key' | 'secret'): string => {
      const source = given[name];
      if (source !== undefined) return String(source.value);
      if (base !== undefined) return base[name];
      const upper = name.toUpperCase();
      throw new ConfigError(
        `app ${name} is missing: set --app-${name}, HERALD_APP_${upper} or REVERB_APP_${upper} ` +
          'with the other app credentials',
      );
    };
    apps[0] = { ...base, id: pick('id'), key: pick('key'), secret: pick('secret') };
    rejectDuplicates(apps);
  }

  // A per-app limit for deployments configured by variables alone; like the credentials, it
  // applies to the first app and keeps that app's other limits.
  const maxChannels =
    flag(flags.appMaxChannelsPerConnection, '--app-max-channels-per-connection') ??
    env('HERALD_APP_MAX_CHANNELS_PER_CONNECTION');
  if (maxChannels !== undefined) {
    const first = apps[0];
    if (first === undefined) {
      throw new ConfigError(
        `${maxChannels.field} applies to the first app: configure one with --app-id, --app-key and --app-secret or in the config file`,
      );
    }
    const maxChannelsPerConnection = expectNonNegative(maxChannels.value, maxChannels.field);
    apps[0] = { ...first, limits: { ...first.limits, maxChannelsPerConnection } };
  }

  const drain =
    flag(flags.drainWindowMs, '--drain-window-ms') ??
    env('HERALD_DRAIN_WINDOW_MS') ??
    fromFile(file.drainWindowMs, 'drainWindowMs');

  const fallbackHostname =
    flag(flags.httpFallbackHostname, '--http-fallback-hostname') ??
    env('HERALD_HTTP_FALLBACK_HOSTNAME');
  // pusher-js swaps only the host part of its URL for this name, keeping scheme and port.
  if (fallbackHostname !== undefined && !/^[A-Za-z0-9.-]+$/.test(String(fallbackHostname.value))) {
    throw new ConfigError(
      `${fallbackHostname.field} must be a bare host name like node-1.ws.example.com (no scheme, port or path), got ${String(fallbackHostname.value)}`,
    );
  }

  const cert =
    flag(flags.tlsCert, '--tls-cert') ??
    env('HERALD_TLS_CERT') ??
    fromFile(file.tls?.cert, 'tls.cert');
  const key =
    flag(flags.tlsKey, '--tls-key') ?? env('HERALD_TLS_KEY') ?? fromFile(file.tls?.key, 'tls.key');
  if ((cert === undefined) !== (key === undefined)) {
    throw new ConfigError(
      'TLS needs both a certificate and a key: set --tls-cert and --tls-key (or HERALD_TLS_CERT and HERALD_TLS_KEY)',
    );
  }

  const runtime = flag(flags.runtime, '--runtime') ?? env('HERALD_RUNTIME');
  if (runtime !== undefined && runtime.value !== 'node' && runtime.value !== 'bun') {
    throw new ConfigError(
      `${runtime.field} must be node or bun (got ${JSON.stringify(runtime.value)})`,
    );
  }

  const ops = resolveOpsSettings(flags, env, file);
  if (ops.appsDatabase !== undefined && apps.length > 0) {
    throw new ConfigError(
      'apps come either from the config (apps, --app-*) or from --apps-database-url, not both',
    );
  }

  return {
    ops,
    runtime: runtime === undefined ? 'node' : (runtime.value as 'node' | 'bun'),
    tls: cert && key ? { certPath: String(cert.value), keyPath: String(key.value) } : undefined,
    scaling: resolveScaling(flags, env, file),
    httpFallbackHostname:
      fallbackHostname === undefined ? undefined : String(fallbackHostname.value),
    drainWindowMs:
      drain === undefined
        ? CLI_DEFAULTS.drainWindowMs
        : expectNonNegative(drain.value, drain.field),
    host: host === undefined ? CLI_DEFAULTS.host : expectHost(host.value, host.field),
    port: port === undefined ? CLI_DEFAULTS.port : expectPort(port.value, port.field),
    apps,
    core: {
      activityTimeoutSeconds: file.activityTimeoutSeconds,
      pongTimeoutMs: file.pongTimeoutMs,
      maxBufferedBytes: file.maxBufferedBytes,
      fanoutChunkSize: file.fanoutChunkSize,
      subscriptionCountThrottleMs: file.subscriptionCountThrottleMs,
      maxInvalidMessages: file.maxInvalidMessages,
      invalidMessageWindowMs: file.invalidMessageWindowMs,
      maxQueuedDeliveries: file.maxQueuedDeliveries,
      maxEventLoopLagMs: file.maxEventLoopLagMs,
      maxInFlightBodyBytes: file.maxInFlightBodyBytes,
    },
  };
}

/**
 * `--scaling` > `HERALD_SCALING` > `scaling.driver` in the file; the URL from the driver's flag,
 * then `REDIS_URL` / `NATS_URL` (the names hosting platforms set), then `scaling.url`.
 */
function resolveScaling(
  flags: StartFlags,
  env: (name: string) => Sourced | undefined,
  file: HeraldConfigFile,
): ScalingSettings {
  const driverSource =
    (flags.scaling === undefined ? undefined : { value: flags.scaling, field: '--scaling' }) ??
    env('HERALD_SCALING') ??
    fromFile(file.scaling?.driver, 'scaling.driver');
  const driver =
    driverSource === undefined ? 'local' : expectDriver(driverSource.value, driverSource.field);
  const settings: ScalingSettings = { driver };
  if (file.scaling?.prefix !== undefined) settings.prefix = file.scaling.prefix;
  if (file.scaling?.heartbeatIntervalMs !== undefined)
    settings.heartbeatIntervalMs = file.scaling.heartbeatIntervalMs;
  if (file.scaling?.nodeTimeoutMs !== undefined)
    settings.nodeTimeoutMs = file.scaling.nodeTimeoutMs;
  const prefixEnv = env('HERALD_SCALING_PREFIX');
  if (prefixEnv !== undefined) settings.prefix = String(prefixEnv.value);
  if (driver === 'redis') {
    const url = flags.redisUrl ?? env('REDIS_URL')?.value ?? file.scaling?.url;
    if (typeof url === 'string') settings.url = url;
  } else if (driver === 'nats') {
    const url = flags.natsUrl ?? env('NATS_URL')?.value ?? file.scaling?.url;
    if (typeof url === 'string') settings.url = url;
  }
  return settings;
}

function fromFile(value: unknown, field: string): Sourced | undefined {
  return value === undefined ? undefined : { value, field };
}

function loadConfigFile(path: string, sources: SettingsSources): HeraldConfigFile {
  let text: string;
  try {
    text = sources.readFile(path);
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return validateConfigFile(json);
}
