// The apps table: its name, its DDL and the one query the provider runs against it.
import { createAppsNotifySql } from './app-table-notify';
import { quoteTableName } from './table-name';
import type { PostgresPool } from './postgres-pool';

/** The table the provider reads unless told otherwise. */
export const DEFAULT_APPS_TABLE = 'herald_apps';

/**
 * `CREATE TABLE IF NOT EXISTS` for the apps table. Credentials and `enabled` are columns (so they
 * can be indexed, constrained and edited by hand); every other app setting lives in `options`, in
 * the shape of Herald's `AppConfig` (`{"clientEvents": "none", "limits": {"maxConnections": 100}}`).
 * @example
 * console.log(createAppsTableSql('herald_apps')); // paste into psql or a migration
 */
export function createAppsTableSql(table: string = DEFAULT_APPS_TABLE): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteTableName(table)} (
  id text PRIMARY KEY,
  key text NOT NULL UNIQUE,
  secret text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  options jsonb NOT NULL DEFAULT '{}'::jsonb
);`;
}

/** {@link createAppsTableSql} for the default table, for migrations and docs. */
export const CREATE_APPS_TABLE_SQL: string = createAppsTableSql(DEFAULT_APPS_TABLE);

/**
 * Creates the apps table if it does not exist, and (re)creates its change-notification trigger
 * (`createAppsNotifySql`); safe to run on every start.
 */
export async function ensureSchema(
  pool: PostgresPool,
  table: string = DEFAULT_APPS_TABLE,
): Promise<void> {
  await pool.query(createAppsTableSql(table));
  await pool.query(createAppsNotifySql(table));
}

/** The provider's only read: the whole table, in a stable order. */
export function selectAppsSql(table: string): string {
  return `SELECT id, key, secret, enabled, options FROM ${quoteTableName(table)} ORDER BY id`;
}
