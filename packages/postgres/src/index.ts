// @herald/postgres: apps from a PostgreSQL table, for Herald's AppProvider seam.
export { createPostgresAppProvider, POSTGRES_APP_PROVIDER_DEFAULTS } from './postgres-app-provider';
export type { PostgresAppProvider, PostgresAppProviderOptions } from './postgres-app-provider';
export {
  CREATE_APPS_TABLE_SQL,
  DEFAULT_APPS_TABLE,
  createAppsTableSql,
  ensureSchema,
} from './app-table';
export { APPS_CHANGED_CHANNEL, createAppsNotifySql } from './app-table-notify';
export { AppTableError } from './app-table-error';
export type { AppTableErrorCode } from './app-table-error';
export type { PostgresListenClient, PostgresPool } from './postgres-pool';
