// A row of the apps table, turned into an App through the core's own defineApp.
import { defineApp, type App, type AppConfig } from '@herald/protocol';

/** A row as `selectAppsSql` returns it (pg parses jsonb into objects). */
export interface AppRow {
  id: unknown;
  key: unknown;
  secret: unknown;
  enabled: unknown;
  options: unknown;
}

/**
 * Builds an App from a row. `options` carries the rest of `AppConfig`; fields this version does not
 * know are passed to `defineApp` as they are, so a newer core's settings work without a new
 * provider. The columns win over `options` for `id`, `key`, `secret` and `enabled`.
 * @throws TypeError naming the field at fault.
 */
export function appFromRow(row: AppRow): App {
  const options = row.options ?? {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`app "${String(row.id)}" options must be a JSON object`);
  }
  if (row.enabled !== null && typeof row.enabled !== 'boolean') {
    throw new TypeError(`app "${String(row.id)}" enabled must be a boolean`);
  }
  const config = {
    ...(options as Record<string, unknown>),
    id: row.id,
    key: row.key,
    secret: row.secret,
    enabled: row.enabled ?? true,
  };
  return defineApp(config as AppConfig);
}
