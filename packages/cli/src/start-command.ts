// `herald start`: resolve settings, start the server, print where it listens, stop on a signal.
import { readFileSync } from 'node:fs';
import { resolveSettings, type CliSettings, type StartFlags } from './cli-settings';
import { ConfigError } from './config';
import { createDevApp } from './dev-app';
import { startScalingBus, type StartedBus } from './scaling-bus';
import {
  DUPLICATE_SIGNAL_WINDOW_MS,
  exitWithParent,
  isBunChild,
  isUnderBun,
  reexecUnderBun,
} from './bun-reexec';
import { bunRuntime } from './bun-runtime';
import { nodeRuntime } from './node-runtime';
import type { RuntimeServer, ServerRuntime } from './runtime-server';
import { closeWithSummary } from './drain-summary';
import { createLogger, type Logger } from './logger';
import { createOperations, resolveApps, type Operations } from './operations';

/**
 * What a started server logs to, and must release after it closed (webhooks to flush, metrics, the
 * apps pool, log summaries).
 */
const lifecycles = new WeakMap<RuntimeServer, { logger: Logger; cleanup: () => Promise<void> }>();

/** Exit code for a configuration mistake, distinct from a runtime failure (1). */
export const EXIT_CONFIG_ERROR = 2;
/** Exit code when the server could not start or stop cleanly. */
export const EXIT_FAILURE = 1;

/** Where the command writes; the process streams in the CLI. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Starts Herald from CLI flags and the environment. Resolves with the running server, or with an
 * exit code when it could not start (the reason already printed).
 */
export async function startCommand(
  flags: StartFlags,
  env: Readonly<Record<string, string | undefined>>,
  output: CommandOutput,
): Promise<RuntimeServer | number> {
  let node: RuntimeServer;
  let runtime: ServerRuntime;
  let settings: CliSettings;
  let scaling: StartedBus | undefined;
  let operations: Operations | undefined;
  let appsSource: Awaited<ReturnType<typeof resolveApps>> | undefined;
  let host: string;
  let port: number;
  try {
    settings = resolveSettings({
      flags,
      env,
      readFile: (path) => readFileSync(path, 'utf8'),
    });
    ({ host, port } = settings);
    // Node re-runs this command under Bun, which then composes the same server with bunRuntime.
    if (settings.runtime === 'bun' && !isUnderBun()) return await reexecUnderBun(env);
    if (isUnderBun()) exitWithParent(env);
    runtime = settings.runtime === 'bun' ? bunRuntime : nodeRuntime;
    const logger = createLogger(settings.ops.log);
    const configured =
      settings.apps.length > 0 || settings.ops.appsDatabase !== undefined
        ? settings.apps
        : [announceDevApp(output)];
    for (const app of settings.apps) output.out(`herald: serving app ${app.id} (key ${app.key})`);
    appsSource = await resolveApps(settings.ops, configured, logger);
    const apps = appsSource.apps;
    if (settings.ops.appsDatabase !== undefined)
      output.out(
        `herald: serving apps from the database table ${settings.ops.appsDatabase.table ?? 'herald_apps'}`,
      );
    operations = createOperations(settings.ops, logger);
    const tls = settings.tls && {
      cert: readPem(settings.tls.certPath, 'certificate'),
      key: readPem(settings.tls.keyPath, 'key'),
    };
    scaling = await startScalingBus(settings.scaling);
    node = await runtime.createServer({
      ...withoutUndefined(settings.core),
      apps,
      host,
      port,
      drainWindowMs: settings.drainWindowMs,
      ...(settings.httpFallbackHostname === undefined
        ? {}
        : { httpFallback: { hostname: settings.httpFallbackHostname } }),
      observers: operations.observers,
      routes: operations.routes,
      ...(tls ? { tls } : {}),
      ...(scaling
        ? {
            scaling: scaling.bus,
            cluster: withoutUndefined({
              prefix: settings.scaling.prefix,
              heartbeatIntervalMs: settings.scaling.heartbeatIntervalMs,
              nodeTimeoutMs: settings.scaling.nodeTimeoutMs,
            }),
          }
        : {}),
    });
    if (scaling) {
      const bus = scaling;
      // Counted while the bus is down and reported once it is back, so an outage costs one log
      // line, not one per lost message.
      let lostWhileDown = 0;
      node.herald.observe({
        messageDropped: ({ reason }) => {
          if (reason === 'bus-unavailable') lostWhileDown++;
        },
        busStatus: ({ status }) => {
          output.err(`herald: scaling bus ${bus.description} is ${status}`);
          if (status === 'up' && lostWhileDown > 0) {
            output.err(
              `herald: ${lostWhileDown} messages could not cross the bus while it was down; presence was resynchronised`,
            );
            lostWhileDown = 0;
          }
        },
        nodeAdded: ({ nodeId }) =>
          output.err(
            `herald: node ${nodeId} joined; this node hears ${node.herald.peerCount} others`,
          ),
        nodeRemoved: ({ nodeId }) =>
          output.err(`herald: node ${nodeId} stopped answering; its members left`),
      });
      output.out(
        `herald: scaling over ${scaling.description} as node ${node.herald.nodeId ?? '?'}`,
      );
    }
    const metricsWhere = await operations.attach(node.herald, host);
    if (metricsWhere !== undefined) output.out(`herald: ${metricsWhere}`);
    const [ops, source, bus] = [operations, appsSource, scaling];
    lifecycles.set(node, {
      logger,
      cleanup: async () => {
        await ops.close();
        await source.close();
        await bus?.close();
        // The JSON destination writes asynchronously; the process exits right after this.
        await new Promise<void>((resolve) => logger.flush(() => resolve()));
      },
    });
  } catch (error) {
    await operations?.close();
    await appsSource?.close();
    await scaling?.close();
    // defineApp and StaticAppProvider report bad apps as TypeError; those are config errors too.
    if (error instanceof ConfigError || error instanceof TypeError) {
      output.err(`herald: config error: ${error.message}`);
      return EXIT_CONFIG_ERROR;
    }
    output.err(`herald: cannot start: ${(error as Error).message}`);
    return EXIT_FAILURE;
  }
  const secure = settings.tls !== undefined;
  try {
    const bound = await node.listen();
    // An IPv6 address needs brackets before the port (`[::]:8080`), as URLs write it.
    const origin = `${bound.host.includes(':') ? `[${bound.host}]` : bound.host}:${bound.port}`;
    const under = runtime.label === undefined ? '' : ` under ${runtime.label}`;
    output.out(
      `herald: listening on ${origin}${under} (WebSocket ${secure ? 'wss' : 'ws'}://${origin}/app/{key}, HTTP API ${secure ? 'https' : 'http'}://${origin}/apps/{id})`,
    );
  } catch (error) {
    output.err(`herald: cannot listen on ${host}:${port}: ${(error as Error).message}`);
    await node.close();
    return EXIT_FAILURE;
  }
  return node;
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigError(`cannot read the TLS ${what} ${path}: ${(error as Error).message}`);
  }
}

function announceDevApp(output: CommandOutput): ReturnType<typeof createDevApp> {
  const app = createDevApp();
  output.out('herald: no app configured; started a development app:');
  output.out(`herald:   app id:     ${app.id}`);
  output.out(`herald:   app key:    ${app.key}`);
  output.out(`herald:   app secret: ${app.secret}`);
  output.err(
    'herald: WARNING: these credentials are random, change on every start and are for development ' +
      'only. Configure an app with --config, --app-id/--app-key/--app-secret, HERALD_APP_* or REVERB_APP_*.',
  );
  return app;
}

/** Drops unset fields so the core's own defaults apply to them. */
function withoutUndefined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/**
 * Stops `node` on SIGTERM or SIGINT: keep answering `/up` (200) and `/ready` (503) while every
 * socket is closed with 4200 over the drain window, log one summary line, stop listening, exit 0.
 * A second signal while closing exits at once.
 */
export function stopOnSignals(node: RuntimeServer, output: CommandOutput): void {
  let isStopping = false;
  let firstSignalAtMs = 0;
  // Under `--runtime bun` one Ctrl-C (or a supervisor signalling every process) reaches this
  // process twice: directly and forwarded by the Node parent. That is one request to stop.
  const duplicateWindowMs = isBunChild(process.env) ? DUPLICATE_SIGNAL_WINDOW_MS : -1;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (isStopping && Date.now() - firstSignalAtMs <= duplicateWindowMs) return;
    if (isStopping) {
      output.err(`herald: ${signal} again, exiting without waiting for clients`);
      process.exit(EXIT_FAILURE);
    }
    isStopping = true;
    firstSignalAtMs = Date.now();
    output.out(
      `herald: ${signal} received, draining: closing connections with 4200 (reconnect now)`,
    );
    const lifecycle = lifecycles.get(node);
    const closed = lifecycle ? closeWithSummary(node, lifecycle.logger) : node.close();
    closed
      .then(() => lifecycle?.cleanup())
      .then(
        () => {
          output.out('herald: stopped');
          process.exit(0);
        },
        (error: unknown) => {
          output.err(`herald: error while stopping: ${(error as Error).message}`);
          process.exit(EXIT_FAILURE);
        },
      );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
