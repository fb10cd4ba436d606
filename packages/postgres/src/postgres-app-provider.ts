// PostgresAppProvider: the AppProvider seam backed by a PostgreSQL table, cached with a TTL.
import type { AppProvider, Clock } from '@herald/protocol';
import pg from 'pg';
import { AppCache } from './app-cache';
import { buildSnapshot } from './app-snapshot';
import { DEFAULT_APPS_TABLE, ensureSchema, selectAppsSql } from './app-table';
import { AppTableError } from './app-table-error';
import { listenForChanges } from './app-table-notify';
import type { PostgresPool } from './postgres-pool';
import { quoteTableName } from './table-name';

/** Options for {@link createPostgresAppProvider}; give `connectionString` or `pool`. */
export interface PostgresAppProviderOptions {
  /** Where to connect (`postgres://user@host:5432/db`); the provider then owns and closes its pool. */
  connectionString?: string;
  /** A pool of your own (a `pg.Pool`); `close()` leaves it open. */
  pool?: PostgresPool;
  /**
   * The apps table, optionally schema-qualified; lower-case identifiers only.
   * @default 'herald_apps'
   */
  table?: string;
  /**
   * How long a read of the table answers lookups, found or not, before the next lookup reads it
   * again. Changes to the table show within this time.
   * @default 5000
   */
  cacheTtlMs?: number;
  /**
   * After a failed read, how long lookups get the apps last read (or, before any read succeeded,
   * the error) before the table is tried again.
   * @default 1000
   */
  retryAfterMs?: number;
  /**
   * Run `ensureSchema` (CREATE TABLE IF NOT EXISTS and the change trigger) before the first read.
   * @default false
   */
  createTable?: boolean;
  /**
   * Also hold one connection in `LISTEN herald_apps_changed`, so a write to the table reaches
   * lookups at once rather than within `cacheTtlMs`. Needs the trigger from `ensureSchema` (or
   * `createTable: true`) and, with `pool`, a pool that has `connect()`.
   * @default false
   */
  listen?: boolean;
  /** Time source; inject a fake for tests. @default Date.now */
  clock?: Pick<Clock, 'now'>;
  /**
   * Receives skipped rows, failed reads and pool errors; lookups never throw for them (except a
   * failed read with nothing to fall back on).
   * @default logs to console.warn
   */
  onError?: (error: AppTableError) => void;
}

/** An {@link AppProvider} reading a PostgreSQL table. */
export interface PostgresAppProvider extends AppProvider {
  /** Reads the table now (after any read already running); rejects if this read fails. */
  refresh(): Promise<void>;
  /** Forgets the cached apps: the next lookup reads the table. */
  invalidate(): void;
  /** Stops lookups; ends the pool if the provider created it from `connectionString`. */
  close(): Promise<void>;
}

/** Defaults of {@link PostgresAppProviderOptions}, frozen. */
export const POSTGRES_APP_PROVIDER_DEFAULTS = Object.freeze({
  table: DEFAULT_APPS_TABLE,
  cacheTtlMs: 5000,
  retryAfterMs: 1000,
  createTable: false,
  listen: false,
});

// Pools the provider makes itself: one load runs at a time, and a database that does not answer
// must fail the load rather than hold every connecting client forever.
const OWN_POOL = Object.freeze({ max: 2, connectionTimeoutMillis: 5000, query_timeout: 5000 });

/**
 * Serves apps from a PostgreSQL table (see `createAppsTableSql` for its shape), so operators can
 * add, change and disable apps without restarting Herald.
 * @example
 * const apps = createPostgresAppProvider({ connectionString: process.env.DATABASE_URL });
 * const server = createNodeServer({ apps });
 * // on shutdown: await server.close(); await apps.close();
 */
export function createPostgresAppProvider(
  options: PostgresAppProviderOptions,
): PostgresAppProvider {
  const settings = { ...POSTGRES_APP_PROVIDER_DEFAULTS, ...withoutUndefined(options) };
  const { table, createTable } = settings;
  quoteTableName(table);
  for (const field of ['cacheTtlMs', 'retryAfterMs'] as const) {
    const value = settings[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(
        `createPostgresAppProvider: ${field} must be a non-negative number of milliseconds`,
      );
    }
  }
  const report = options.onError ?? ((error) => console.warn(`herald/postgres: ${error.message}`));
  const { pool, ownsPool } = openPool(options, report);
  const clock = options.clock ?? { now: () => Date.now() };
  const select = selectAppsSql(table);

  let schemaReady = !createTable;
  // A bad row is reported when it first appears or its problem changes, not on every read.
  let reportedRows = new Map<string, string>();
  let closed = false;

  const cache: AppCache = new AppCache({
    clock,
    ttlMs: settings.cacheTtlMs,
    retryAfterMs: settings.retryAfterMs,
    load: async () => {
      let rows: unknown[];
      try {
        if (!schemaReady) {
          await ensureSchema(pool, table);
          schemaReady = true;
        }
        ({ rows } = await pool.query(select));
      } catch (cause) {
        const fallback = cache.hasSnapshot ? 'serving the apps last read' : 'no apps to serve yet';
        const error = new AppTableError(
          'load-failed',
          `cannot read apps from ${table}: ${(cause as Error).message} (${fallback})`,
          { cause },
        );
        report(error);
        throw error;
      }
      const seen = new Map<string, string>();
      const snapshot = buildSnapshot(rows, (error) => {
        const id = error.appId ?? '';
        seen.set(id, error.message);
        if (reportedRows.get(id) !== error.message) report(error);
      });
      reportedRows = seen;
      return snapshot;
    },
  });

  const listener = settings.listen
    ? listenForChanges({
        pool,
        onChange: () => cache.invalidate(),
        report,
        retryAfterMs: settings.retryAfterMs,
      })
    : undefined;

  const current = () => {
    if (closed) {
      return Promise.reject(
        new TypeError('this Postgres app provider is closed; create a new one'),
      );
    }
    return cache.current();
  };

  const provider: PostgresAppProvider = {
    findById: async (id) => (await current()).byId.get(id),
    findByKey: async (key) => (await current()).byKey.get(key),
    all: async () => (await current()).all,
    refresh: () => cache.refresh(),
    invalidate: () => cache.invalidate(),
    close: async () => {
      if (closed) return;
      closed = true;
      await listener?.close();
      if (ownsPool) await (pool as pg.Pool).end();
    },
  };
  return provider;
}

function openPool(
  options: PostgresAppProviderOptions,
  report: (error: AppTableError) => void,
): { pool: PostgresPool; ownsPool: boolean } {
  const hasString = typeof options.connectionString === 'string' && options.connectionString !== '';
  if (hasString === (options.pool !== undefined)) {
    throw new TypeError(
      'createPostgresAppProvider needs exactly one of { connectionString } or { pool } (a pg.Pool)',
    );
  }
  if (options.pool) return { pool: options.pool, ownsPool: false };
  const pool = new pg.Pool({ connectionString: options.connectionString, ...OWN_POOL });
  // pg emits 'error' when an idle connection dies (a database restart); unheard, it would crash
  // the process. The next read reconnects by itself.
  pool.on('error', (cause) =>
    report(
      new AppTableError('connection-error', `idle connection failed: ${cause.message}`, { cause }),
    ),
  );
  return { pool, ownsPool: true };
}

function withoutUndefined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
