// The `herald` command line: `herald start` runs a standalone server from flags, env and config.
import { Command, type CommanderError } from 'commander';
import { version } from '../package.json';
import type { StartFlags } from './cli-settings';
import {
  EXIT_CONFIG_ERROR,
  startCommand,
  stopOnSignals,
  type CommandOutput,
} from './start-command';

const output: CommandOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const program = new Command()
  .name('herald')
  .description('A realtime server speaking the Pusher Channels protocol')
  .version(version)
  // Usage mistakes are configuration mistakes: exit 2 like a bad config file (help exits 0).
  .exitOverride((error: CommanderError) => {
    process.exit(error.exitCode === 0 ? 0 : EXIT_CONFIG_ERROR);
  });

program
  .command('start')
  .description('Start the server: WebSocket on /app/{key} and the HTTP API on /apps/{id}, one port')
  .option(
    '--host <host>',
    'interface to listen on (HERALD_HOST, REVERB_SERVER_HOST; default 0.0.0.0)',
  )
  .option(
    '--port <port>',
    'port to listen on, 0 for any free one (HERALD_PORT, REVERB_SERVER_PORT; default 8080)',
  )
  .option('--config <file>', 'herald.config.json to read (HERALD_CONFIG)')
  .option('--app-id <id>', 'app id (HERALD_APP_ID, REVERB_APP_ID)')
  .option('--app-key <key>', 'app key (HERALD_APP_KEY, REVERB_APP_KEY)')
  .option('--app-secret <secret>', 'app secret (HERALD_APP_SECRET, REVERB_APP_SECRET)')
  .option(
    '--app-max-channels-per-connection <n>',
    'channels one socket of the first app may hold, 0 = unlimited (HERALD_APP_MAX_CHANNELS_PER_CONNECTION; default 100)',
  )
  .option(
    '--scaling <driver>',
    'local, redis or nats: join other nodes over a bus (HERALD_SCALING; default local)',
  )
  .option(
    '--redis-url <url>',
    'Redis for --scaling redis (REDIS_URL; default redis://127.0.0.1:6379)',
  )
  .option('--nats-url <url>', 'NATS for --scaling nats (NATS_URL; default nats://127.0.0.1:4222)')
  .option('--runtime <runtime>', 'node or bun: which adapter serves (HERALD_RUNTIME; default node)')
  .option(
    '--tls-cert <file>',
    'PEM certificate: serve wss:// and https:// directly (HERALD_TLS_CERT)',
  )
  .option('--tls-key <file>', 'PEM private key for --tls-cert (HERALD_TLS_KEY)')
  .option(
    '--http-fallback-hostname <name>',
    "this node's own host name: HTTP fallback sessions continue there, so a round-robin balancer needs no affinity (HERALD_HTTP_FALLBACK_HOSTNAME)",
  )
  .option(
    '--drain-window-ms <ms>',
    'on SIGTERM, spread the 4200 closes over this window with jitter (HERALD_DRAIN_WINDOW_MS; default 3000)',
  )
  .option(
    '--log-level <level>',
    'fatal, error, warn, info, debug, trace or silent (HERALD_LOG_LEVEL; default info)',
  )
  .option(
    '--log-format <format>',
    'json (one object per line on stderr) or pretty (HERALD_LOG_FORMAT; default json)',
  )
  .option(
    '--metrics',
    'serve Prometheus metrics on /metrics and /metrics.json of the main port (HERALD_METRICS)',
  )
  .option(
    '--metrics-port <port>',
    'serve metrics on a port of their own instead (HERALD_METRICS_PORT)',
  )
  .option(
    '--webhook-url <url>',
    'send every webhook event type of the default app to this URL (HERALD_WEBHOOK_URL)',
  )
  .option(
    '--apps-database-url <url>',
    'read apps from a PostgreSQL table instead of the config (HERALD_APPS_DATABASE_URL)',
  )
  .option(
    '--apps-table <name>',
    'the apps table for --apps-database-url (HERALD_APPS_TABLE; default herald_apps)',
  )
  .addHelpText(
    'after',
    '\nPrecedence: flags > HERALD_* > REVERB_* > config file > defaults.\n' +
      'With no app configured, a development app with random credentials is started.',
  )
  .action(async (flags: StartFlags) => {
    const started = await startCommand(flags, process.env, output);
    if (typeof started === 'number') process.exit(started);
    stopOnSignals(started, output);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  output.err(`herald: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
