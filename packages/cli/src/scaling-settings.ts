// Scaling settings of the CLI: which bus joins this node to others, and how to reach it.
import { ConfigError } from './config';

/** The buses the CLI can start; `local` is the single-node default. */
export const SCALING_DRIVERS = ['local', 'redis', 'nats'] as const;
export type ScalingDriver = (typeof SCALING_DRIVERS)[number];

/** `scaling` in herald.config.json, and the same settings from flags and variables. */
export interface ScalingSettings {
  driver: ScalingDriver;
  /** `redis://…` or `nats://…`; defaults to the broker on this machine. */
  url?: string;
  /** Bus topic namespace, so environments can share a broker. */
  prefix?: string;
  /** How often this node announces itself (ms). */
  heartbeatIntervalMs?: number;
  /** Silence after which another node counts as dead and its members leave (ms). */
  nodeTimeoutMs?: number;
}

const FIELDS = new Set(['driver', 'url', 'prefix', 'heartbeatIntervalMs', 'nodeTimeoutMs']);

/** Checks the `scaling` object of a config file. */
export function validateScaling(json: unknown): ScalingSettings {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError(
      'scaling must be a JSON object, e.g. {"driver": "redis", "url": "redis://127.0.0.1:6379"}',
    );
  }
  const object = json as Record<string, unknown>;
  for (const name of Object.keys(object)) {
    if (!FIELDS.has(name))
      throw new ConfigError(
        `scaling.${name} is not a known option (known: ${[...FIELDS].join(', ')})`,
      );
  }
  const settings: ScalingSettings = { driver: expectDriver(object.driver, 'scaling.driver') };
  for (const field of ['url', 'prefix'] as const) {
    const value = object[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length === 0)
      throw new ConfigError(`scaling.${field} must be a non-empty string`);
    settings[field] = value;
  }
  for (const field of ['heartbeatIntervalMs', 'nodeTimeoutMs'] as const) {
    const value = object[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
      throw new ConfigError(`scaling.${field} must be a positive number`);
    settings[field] = value;
  }
  return settings;
}

/** One of {@link SCALING_DRIVERS}. */
export function expectDriver(value: unknown, field: string): ScalingDriver {
  if (typeof value !== 'string' || !(SCALING_DRIVERS as readonly string[]).includes(value)) {
    throw new ConfigError(
      `${field} must be one of ${SCALING_DRIVERS.join(', ')} (got ${JSON.stringify(value)})`,
    );
  }
  return value as ScalingDriver;
}
