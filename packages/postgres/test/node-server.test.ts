// End to end: createNodeServer with apps from PostgreSQL, and a real pusher-js client connecting.
import { createNodeServer, type NodeServer } from '@herald/node';
import type pg from 'pg';
import PusherClient from 'pusher-js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresAppProvider, type PostgresAppProvider } from '../src/index';
import { connectTestDatabase, createTestTable, dropTable, insertApp } from './database';

const WAIT_MS = 5000;

let db: pg.Pool;
let table: string;
let apps: PostgresAppProvider;
let server: NodeServer;
let port: number;
const clients: PusherClient[] = [];

beforeAll(async () => {
  db = await connectTestDatabase();
});

afterAll(async () => {
  await db?.end();
});

beforeEach(async () => {
  table = await createTestTable(db);
  apps = createPostgresAppProvider({ pool: db, table });
  server = createNodeServer({ apps, host: '127.0.0.1', port: 0 });
  ({ port } = await server.listen());
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await server.close();
  await apps.close();
  await dropTable(db, table);
});

/** A pusher-js client (Node build, plain ws) on the test server. */
function connect(key: string): PusherClient {
  const client = new PusherClient(key, {
    wsHost: '127.0.0.1',
    wsPort: port,
    forceTLS: false,
    enabledTransports: ['ws'],
    cluster: '',
    disableStats: true,
  });
  clients.push(client);
  return client;
}

/** Resolves with the socket id once connected, or with the Pusher error code the server sent. */
function outcome(client: PusherClient): Promise<{ socketId: string } | { code: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no outcome within ${WAIT_MS} ms`)), WAIT_MS);
    client.connection.bind('connected', () => {
      clearTimeout(timer);
      resolve({ socketId: client.connection.socket_id });
    });
    // A refusal during the handshake reaches pusher-js as a WebSocketError wrapping the
    // pusher:error frame, whose code decides whether pusher-js retries.
    client.connection.bind('error', (event: { error?: { data?: { code?: number } } }) => {
      const code = event.error?.data?.code;
      if (code === undefined) return;
      clearTimeout(timer);
      resolve({ code });
    });
  });
}

describe('Herald with a PostgreSQL app table', () => {
  it('accepts pusher-js with a key from the table (connection_established)', async () => {
    await insertApp(db, table, { id: 'pg-app', key: 'pg-key', secret: 'pg-secret' });
    const result = await outcome(connect('pg-key'));
    expect(result).toEqual({ socketId: expect.stringMatching(/^\d+\.\d+$/) });
  });

  it('refuses a key that is not in the table with 4001', async () => {
    await insertApp(db, table, { id: 'pg-app', key: 'pg-key', secret: 'pg-secret' });
    expect(await outcome(connect('not-in-table'))).toEqual({ code: 4001 });
  });

  it('refuses an app disabled in the table with 4003', async () => {
    await insertApp(db, table, {
      id: 'pg-app',
      key: 'pg-key',
      secret: 'pg-secret',
      enabled: false,
    });
    expect(await outcome(connect('pg-key'))).toEqual({ code: 4003 });
  });
});
