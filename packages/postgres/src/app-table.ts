// The apps table: its name, its DDL and the one query the provider runs against it.
import type { PostgresPool } from './postgres-pool';

/** The table the provider reads unless told otherwise. */
export const DEFAULT_APPS_TABLE = 'herald_apps';

// Lower-case only: an unquoted `Herald_Apps` in psql folds to `herald_apps`, so a mixed-case name
// here would quietly name another table than the operator's own SQL does.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Checks a table name (`herald_apps` or `schema.herald_apps`) and returns it quoted for SQL.
 * Table names cannot be query parameters, so this check is what keeps them out of injection's reach.
 * @throws TypeError when a part is not a lower-case SQL identifier.
 */
export function quoteTableName(table: string): string {
  const parts = typeof table === 'string' ? table.split('.') : [];
  if (parts.length < 1 || parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new TypeError(
      `table must be a lower-case SQL identifier such as 'herald_apps' or 'myschema.herald_apps', got ${JSON.stringify(table)}`,
    );
  }
  return parts.map((part) => `"${part}"`).join('.');
}

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

/** Creates the apps table if it does not exist; safe to run on every start. */
export async function ensureSchema(
  pool: PostgresPool,
  table: string = DEFAULT_APPS_TABLE,
): Promise<void> {
  await pool.query(createAppsTableSql(table));
}

/** The provider's only read: the whole table, in a stable order. */
export function selectAppsSql(table: string): string {
  return `SELECT id, key, secret, enabled, options FROM ${quoteTableName(table)} ORDER BY id`;
}
