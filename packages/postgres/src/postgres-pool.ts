// The part of a node-postgres Pool the provider uses, so callers can pass their own pool (or a
// wrapper) and our published types do not depend on @types/pg.

/** What the provider needs from a `pg.Pool`; a `pg.Pool` or `pg.Client` satisfies it. */
export interface PostgresPool {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}
