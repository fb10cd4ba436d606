// The Bun side of `herald start --runtime bun`: the Node CLI resolves and validates the settings,
// then runs this file under Bun with them in HERALD_BUN_SETTINGS.
import { createBunServer } from './bun-server';
import type { BunServerOptions } from './bun-server-options';

interface Settings {
  host: string;
  port: number;
  drainWindowMs: number;
  apps: BunServerOptions['apps'];
  core: Partial<BunServerOptions>;
}

const settings = JSON.parse(process.env.HERALD_BUN_SETTINGS ?? '{}') as Settings;
const server = createBunServer({
  ...settings.core,
  apps: settings.apps,
  host: settings.host,
  port: settings.port,
  drainWindowMs: settings.drainWindowMs,
});

// Registered before the first await: Bun takes a signal's default action while no listener exists.
let isStopping = false;
const stop = (signal: string): void => {
  if (isStopping) process.exit(1);
  isStopping = true;
  console.log(`herald: ${signal} received, draining: closing connections with 4200 (reconnect now)`);
  void server.close().then(() => {
    console.log('herald: stopped');
    process.exit(0);
  });
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

const { host, port } = await server.listen();
const origin = `${host.includes(':') ? `[${host}]` : host}:${port}`;
console.log(`herald: listening on ${origin} under Bun (WebSocket ws://${origin}/app/{key}, HTTP API http://${origin}/apps/{id})`);
