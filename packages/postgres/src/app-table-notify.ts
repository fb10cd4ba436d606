// Change notifications for the apps table: a statement trigger that NOTIFYs, and the listener
// that turns each NOTIFY into an invalidation, so edits show at once instead of within the TTL.
import { quoteTableName } from './table-name';
import { AppTableError } from './app-table-error';
import type { PostgresListenClient, PostgresPool } from './postgres-pool';

/**
 * The NOTIFY channel. One for every apps table: a change to another table costs an extra read, and
 * a fixed name cannot outgrow PostgreSQL's 63-byte identifiers the way `<table>_changed` could.
 */
export const APPS_CHANGED_CHANNEL = 'herald_apps_changed';

/**
 * A trigger that sends `NOTIFY herald_apps_changed` after any write to the table (one per statement,
 * not per row). Idempotent; the function lands in the table's schema.
 */
export function createAppsNotifySql(table: string): string {
  const quoted = quoteTableName(table);
  const schema = quoted.includes('.') ? `${quoted.split('.')[0]!}.` : '';
  return `CREATE OR REPLACE FUNCTION ${schema}"herald_apps_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${APPS_CHANGED_CHANNEL}', TG_TABLE_NAME);
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS "herald_apps_notify" ON ${quoted};
CREATE TRIGGER "herald_apps_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${quoted}
  FOR EACH STATEMENT EXECUTE FUNCTION ${schema}"herald_apps_notify"();`;
}

/** What {@link listenForChanges} needs. */
export interface ChangeListenerOptions {
  pool: PostgresPool;
  /** Called on every NOTIFY, and after each (re)connect, since changes may have been missed. */
  onChange: () => void;
  report: (error: AppTableError) => void;
  /** Wait before reconnecting after the connection failed. */
  retryAfterMs: number;
}

/**
 * Holds one pooled connection in `LISTEN herald_apps_changed`, reconnecting after failures.
 * Resolves a `close` that releases it.
 */
export function listenForChanges(options: ChangeListenerOptions): { close(): Promise<void> } {
  const { pool, onChange, report, retryAfterMs } = options;
  if (typeof pool.connect !== 'function') {
    throw new TypeError('listen: true needs a pool with connect() (a pg.Pool), not only query()');
  }
  const connect = pool.connect.bind(pool);
  let client: PostgresListenClient | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const fail = (cause: unknown, held?: PostgresListenClient): void => {
    if (held) {
      held.removeAllListeners('notification');
      held.removeAllListeners('error');
      held.release(true);
    }
    if (held === client) client = undefined;
    if (closed) return;
    report(
      new AppTableError(
        'connection-error',
        `LISTEN ${APPS_CHANGED_CHANNEL} failed: ${(cause as Error).message} (retrying; the TTL still applies)`,
        { cause },
      ),
    );
    timer = setTimeout(start, retryAfterMs);
    // The retry must not keep a process alive that has nothing else to do.
    timer.unref?.();
  };

  async function open(): Promise<void> {
    const held = await connect();
    if (closed) return held.release();
    held.on('error', (error) => fail(error, held));
    held.on('notification', (message) => {
      if (message.channel === APPS_CHANGED_CHANNEL) onChange();
    });
    client = held;
    try {
      await held.query(`LISTEN "${APPS_CHANGED_CHANNEL}"`);
    } catch (error) {
      return fail(error, held);
    }
    onChange();
  }

  function start(): void {
    timer = undefined;
    open().catch((error: unknown) => fail(error));
  }

  start();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const held = client;
      client = undefined;
      if (!held) return;
      held.removeAllListeners('notification');
      held.removeAllListeners('error');
      // UNLISTEN so the connection goes back to the pool clean; a broken one is destroyed.
      try {
        await held.query(`UNLISTEN "${APPS_CHANGED_CHANNEL}"`);
        held.release();
      } catch (error) {
        held.release(error as Error);
      }
    },
  };
}
