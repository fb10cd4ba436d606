// The part of a node-postgres Pool the provider uses, so callers can pass their own pool (or a
// wrapper) and our published types do not depend on @types/pg.

/** What the provider needs from a `pg.Pool`; `connect` only with `listen: true`. */
export interface PostgresPool {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  connect?(): Promise<PostgresListenClient>;
}

/** A dedicated connection from `pool.connect()`, held for LISTEN. */
export interface PostgresListenClient {
  query(text: string): Promise<unknown>;
  on(event: 'notification', listener: (message: { channel: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  release(destroy?: Error | boolean): void;
}
