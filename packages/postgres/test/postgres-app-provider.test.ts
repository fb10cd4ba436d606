// createPostgresAppProvider against the real PostgreSQL: lookups, TTL, errors and outages.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AppTableError,
  createPostgresAppProvider,
  ensureSchema,
  type PostgresAppProvider,
  type PostgresAppProviderOptions,
} from '../src/index';
import {
  POSTGRES_URL,
  connectTestDatabase,
  countingPool,
  createTestTable,
  dropTable,
  insertApp,
  manualClock,
} from './database';

const APP = { id: 'app-1', key: 'key-1', secret: 'secret-1' };
const TTL_MS = 5000;

let db: pg.Pool;
let table: string;
let clock: ReturnType<typeof manualClock>;
let errors: AppTableError[];
const providers: PostgresAppProvider[] = [];

beforeAll(async () => {
  db = await connectTestDatabase();
});

afterAll(async () => {
  await db?.end();
});

beforeEach(async () => {
  table = await createTestTable(db);
  clock = manualClock();
  errors = [];
});

afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close()));
  await dropTable(db, table);
});

/** A provider on the test table with the manual clock, collecting what it reports. */
function provider(options: Partial<PostgresAppProviderOptions> = {}): PostgresAppProvider {
  const created = createPostgresAppProvider({
    pool: db,
    table,
    cacheTtlMs: TTL_MS,
    clock,
    onError: (error) => errors.push(error),
    ...options,
  });
  providers.push(created);
  return created;
}

describe('createPostgresAppProvider', () => {
  it('finds an app by key and by id, with defaults filled', async () => {
    await insertApp(db, table, APP);
    const apps = provider();
    const byKey = await apps.findByKey('key-1');
    expect(byKey).toMatchObject({ ...APP, enabled: true, clientEvents: 'members' });
    expect(byKey?.limits.maxConnections).toBe(0);
    expect(await apps.findById('app-1')).toBe(byKey);
    expect(await apps.findById('key-1')).toBeUndefined();
  });

  it('applies the settings in options', async () => {
    await insertApp(db, table, {
      ...APP,
      options: {
        clientEvents: 'none',
        allowedOrigins: ['https://*.example.com'],
        subscriptionCount: true,
        cacheTtlSeconds: 60,
        signinTimeoutMs: 3000,
        limits: { maxConnections: 100 },
        webhooks: [{ url: 'https://example.com/hook', eventTypes: ['channel_occupied'] }],
      },
    });
    const app = await provider().findByKey('key-1');
    expect(app).toMatchObject({
      clientEvents: 'none',
      allowedOrigins: ['https://*.example.com'],
      subscriptionCount: true,
      cacheTtlSeconds: 60,
      signinTimeoutMs: 3000,
    });
    expect(app?.limits).toMatchObject({ maxConnections: 100, maxMessageBytes: 10_240 });
    expect(errors).toEqual([]);
  });

  it('lists every app with all()', async () => {
    await insertApp(db, table, APP);
    await insertApp(db, table, { id: 'app-2', key: 'key-2', secret: 'secret-2' });
    const all = await provider().all();
    expect(all.map((app) => app.id)).toEqual(['app-1', 'app-2']);
  });

  it('serves a disabled app with enabled=false', async () => {
    await insertApp(db, table, { ...APP, enabled: false });
    expect((await provider().findByKey('key-1'))?.enabled).toBe(false);
  });

  it('answers from the cache within the TTL and picks up changes after it', async () => {
    await insertApp(db, table, APP);
    const pool = countingPool(db);
    const apps = provider({ pool });
    expect((await apps.findByKey('key-1'))?.secret).toBe('secret-1');
    await db.query(`UPDATE "${table}" SET secret = 'rotated', enabled = false`);
    clock.advance(TTL_MS - 1);
    expect((await apps.findByKey('key-1'))?.secret).toBe('secret-1');
    expect(pool.queries).toHaveLength(1);
    clock.advance(1);
    expect(await apps.findById('app-1')).toMatchObject({ secret: 'rotated', enabled: false });
    expect(pool.queries).toHaveLength(2);
  });

  it('caches an unknown key too, so a flood of them costs one query per TTL', async () => {
    const pool = countingPool(db);
    const apps = provider({ pool });
    for (let i = 0; i < 20; i++) expect(await apps.findByKey(`nope-${i}`)).toBeUndefined();
    expect(pool.queries).toHaveLength(1);
    await insertApp(db, table, { ...APP, key: 'nope-0' });
    expect(await apps.findByKey('nope-0')).toBeUndefined();
    clock.advance(TTL_MS);
    expect((await apps.findByKey('nope-0'))?.id).toBe('app-1');
    expect(pool.queries).toHaveLength(2);
  });

  it('skips a bad row, reports it once, and serves the others', async () => {
    await insertApp(db, table, APP);
    await insertApp(db, table, {
      id: 'bad',
      key: 'bad-key',
      secret: 's',
      options: { clientEvents: 'all' },
    });
    await insertApp(db, table, { id: 'list', key: 'list-key', secret: 's', options: [1, 2] });
    const apps = provider();
    expect(await apps.findByKey('bad-key')).toBeUndefined();
    expect((await apps.all()).map((app) => app.id)).toEqual(['app-1']);
    expect(errors.map((error) => [error.code, error.appId])).toEqual([
      ['invalid-row', 'bad'],
      ['invalid-row', 'list'],
    ]);
    expect(errors[0]?.message).toMatch(/clientEvents must be 'members' or 'none'/);
    clock.advance(TTL_MS);
    await apps.all();
    expect(errors).toHaveLength(2);
  });

  it('shares one query between concurrent lookups (single-flight)', async () => {
    await insertApp(db, table, APP);
    const pool = countingPool(db);
    const apps = provider({ pool });
    const results = await Promise.all([
      apps.findByKey('key-1'),
      apps.findById('app-1'),
      apps.findByKey('unknown'),
      apps.all(),
    ]);
    expect(results[0]?.id).toBe('app-1');
    expect(results[1]?.id).toBe('app-1');
    expect(results[2]).toBeUndefined();
    expect(pool.queries).toHaveLength(1);
    clock.advance(TTL_MS);
    await Promise.all(Array.from({ length: 10 }, () => apps.findByKey('key-1')));
    expect(pool.queries).toHaveLength(2);
  });

  it('serves the apps last read and reports the error when the database goes away', async () => {
    await insertApp(db, table, APP);
    const own = await connectTestDatabase();
    const pool = countingPool(own);
    const apps = provider({ pool, retryAfterMs: 1000 });
    expect((await apps.findByKey('key-1'))?.id).toBe('app-1');
    await own.end();
    clock.advance(TTL_MS);
    expect((await apps.findByKey('key-1'))?.id).toBe('app-1');
    expect(errors.map((error) => error.code)).toEqual(['load-failed']);
    expect(errors[0]?.message).toMatch(/serving the apps last read/);
    // Within retryAfterMs the stale apps answer without another try.
    expect((await apps.findById('app-1'))?.id).toBe('app-1');
    expect(pool.queries).toHaveLength(2);
    clock.advance(1000);
    expect((await apps.all()).map((app) => app.id)).toEqual(['app-1']);
    expect(pool.queries).toHaveLength(3);
    expect(errors).toHaveLength(2);
  });

  it('rejects lookups with load-failed when the database was never reachable', async () => {
    const apps = provider({
      pool: undefined,
      connectionString: 'postgres://postgres@127.0.0.1:1/test',
    });
    const lookup = apps.findByKey('key-1');
    await expect(lookup).rejects.toBeInstanceOf(AppTableError);
    await expect(lookup).rejects.toMatchObject({ code: 'load-failed' });
    expect(errors.map((error) => error.code)).toEqual(['load-failed']);
    expect(errors[0]?.message).toMatch(/no apps to serve yet/);
    // The failure is remembered for retryAfterMs: no second connection attempt.
    await expect(apps.findById('app-1')).rejects.toMatchObject({ code: 'load-failed' });
    expect(errors).toHaveLength(1);
  });

  it('reads the table again at once on refresh() and after invalidate()', async () => {
    const apps = provider();
    expect(await apps.findByKey('key-1')).toBeUndefined();
    await insertApp(db, table, APP);
    await apps.refresh();
    expect((await apps.findByKey('key-1'))?.id).toBe('app-1');
    await db.query(`DELETE FROM "${table}"`);
    apps.invalidate();
    expect(await apps.findByKey('key-1')).toBeUndefined();
  });

  it('creates its table with createTable', async () => {
    await dropTable(db, table);
    const apps = provider({ createTable: true });
    expect(await apps.all()).toEqual([]);
    await insertApp(db, table, APP);
    await apps.refresh();
    expect((await apps.all()).map((app) => app.id)).toEqual(['app-1']);
  });

  it('connects by connectionString and ends that pool on close()', async () => {
    await insertApp(db, table, APP);
    const apps = provider({ pool: undefined, connectionString: POSTGRES_URL });
    expect((await apps.findByKey('key-1'))?.id).toBe('app-1');
    await apps.close();
    await expect(apps.findByKey('key-1')).rejects.toThrow(/closed/);
  });

  it('leaves a pool it was given open on close()', async () => {
    const apps = provider();
    await apps.all();
    await apps.close();
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('refuses a table name that is not a plain identifier', () => {
    expect(() => provider({ table: 'apps; DROP TABLE users' })).toThrow(TypeError);
    expect(() => provider({ table: 'Apps' })).toThrow(/lower-case SQL identifier/);
  });

  it('refuses options without exactly one of connectionString and pool', () => {
    expect(() => createPostgresAppProvider({})).toThrow(/exactly one of/);
    expect(() => createPostgresAppProvider({ pool: db, connectionString: POSTGRES_URL })).toThrow(
      /exactly one of/,
    );
  });
});

describe('createPostgresAppProvider with listen: true', () => {
  /** Polls lookups (which never query while the cache is fresh) until the app shows. */
  async function untilFound(apps: PostgresAppProvider, key: string): Promise<void> {
    await vi.waitFor(
      async () => {
        expect(await apps.findByKey(key)).toBeDefined();
      },
      { timeout: 5000, interval: 20 },
    );
  }

  it('sees a write at once through NOTIFY, without waiting for the TTL', async () => {
    await ensureSchema(db, table);
    const apps = provider({ listen: true });
    expect(await apps.findByKey('key-1')).toBeUndefined();
    await insertApp(db, table, APP);
    await untilFound(apps, 'key-1');
    await db.query(`UPDATE "${table}" SET enabled = false`);
    await vi.waitFor(async () => expect((await apps.findByKey('key-1'))?.enabled).toBe(false));
    expect(errors).toEqual([]);
  });

  it('listens again after its connection is killed, and reports the loss', async () => {
    await ensureSchema(db, table);
    const applicationName = `herald-listen-${table}`;
    const own = new pg.Pool({ connectionString: POSTGRES_URL, application_name: applicationName });
    own.on('error', () => undefined);
    let selects = 0;
    const pool = {
      query: (text: string, values?: unknown[]) => {
        if (text.startsWith('SELECT')) selects++;
        return own.query(text, values);
      },
      connect: () => own.connect(),
    };
    const listening = `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'`;
    const whenListening = () =>
      vi.waitFor(async () =>
        expect((await db.query(listening, [applicationName])).rows).toHaveLength(1),
      );
    try {
      const apps = provider({ pool, listen: true, retryAfterMs: 50 });
      expect(await apps.all()).toEqual([]);
      await whenListening();
      await db.query(`SELECT pg_terminate_backend(pid) FROM (${listening}) AS l`, [
        applicationName,
      ]);
      await vi.waitFor(() =>
        expect(errors.map((error) => error.code)).toContain('connection-error'),
      );
      await whenListening();
      // The reconnect itself invalidates (writes may have been missed): let a lookup use that up,
      // so only a NOTIFY can make the insert below visible.
      await vi.waitFor(async () => {
        const before = selects;
        await apps.all();
        expect(selects).toBe(before);
      });
      await insertApp(db, table, APP);
      await untilFound(apps, 'key-1');
      await apps.close();
    } finally {
      await own.end();
    }
  });

  it('creates the trigger with createTable and refuses a pool without connect()', async () => {
    await dropTable(db, table);
    const apps = provider({ createTable: true });
    expect(await apps.all()).toEqual([]);
    const { rows } = await db.query(
      `SELECT tgname FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`,
      [table],
    );
    expect(rows).toEqual([{ tgname: 'herald_apps_notify' }]);
    expect(() => provider({ pool: countingPool(db), listen: true })).toThrow(/connect\(\)/);
  });
});
