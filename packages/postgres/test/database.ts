// Test database: the shared PostgreSQL (scripts/services.sh), one randomly named table per test.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createAppsTableSql } from '../src/index';
import type { PostgresPool } from '../src/index';

/** The database the tests use; scripts/services.sh makes sure it answers. */
export const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A pool on {@link POSTGRES_URL}, checked with `SELECT 1`. An unreachable database fails the run
 * with what to do, instead of skipping: a suite that skips silently proves nothing.
 */
export async function connectTestDatabase(): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_URL} (${(error as Error).message}). ` +
        'Run `bash scripts/services.sh` to start it, or set POSTGRES_URL.',
    );
  }
  return pool;
}

/** A fresh, created apps table with a random name; drop it with {@link dropTable}. */
export async function createTestTable(pool: pg.Pool): Promise<string> {
  const table = `herald_apps_test_${randomBytes(6).toString('hex')}`;
  await pool.query(createAppsTableSql(table));
  return table;
}

export async function dropTable(pool: pg.Pool, table: string): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS "${table}"`);
}

/** A row to insert; `options` is stored as jsonb. */
export interface TestRow {
  id: string;
  key: string;
  secret: string;
  enabled?: boolean;
  options?: unknown;
}

export async function insertApp(pool: pg.Pool, table: string, row: TestRow): Promise<void> {
  await pool.query(
    `INSERT INTO "${table}" (id, key, secret, enabled, options) VALUES ($1, $2, $3, $4, $5)`,
    [row.id, row.key, row.secret, row.enabled ?? true, JSON.stringify(row.options ?? {})],
  );
}

/** Wraps a pool and counts the queries that go through it. */
export function countingPool(pool: PostgresPool): PostgresPool & { readonly queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    query(text, values) {
      queries.push(text);
      return pool.query(text, values);
    },
  };
}

/** A clock the test moves by hand. */
export function manualClock(startMs = 1_000_000): { now(): number; advance(ms: number): void } {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advance: (ms) => {
      nowMs += ms;
    },
  };
}
