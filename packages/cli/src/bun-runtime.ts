// `herald start --runtime bun`: the settings are resolved and validated here, then served by
// @herald/bun in a Bun process that inherits this one's output and signals.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AppConfig } from '@herald/protocol';
import type { CliSettings } from './cli-settings';
import { ConfigError } from './config';

/** Runs Herald under Bun until it exits; resolves with its exit code. */
export function runUnderBun(settings: CliSettings, apps: AppConfig[]): Promise<number> {
  if (settings.scaling.driver !== 'local' || settings.tls !== undefined) {
    throw new ConfigError(
      '--runtime bun does not take --scaling or --tls-* from the CLI yet; embed createBunServer for those',
    );
  }
  const { metrics, webhookUrl, appsDatabase } = settings.ops;
  if (
    metrics !== undefined ||
    webhookUrl !== undefined ||
    appsDatabase !== undefined ||
    apps.some((app) => (app.webhooks?.length ?? 0) > 0)
  ) {
    throw new ConfigError(
      '--runtime bun does not run metrics, webhooks or an apps database from the CLI yet; embed createBunServer with @herald/metrics, @herald/webhooks or @herald/postgres',
    );
  }
  let bunPackage: string;
  try {
    bunPackage = dirname(createRequire(import.meta.url).resolve('@herald/bun/package.json'));
  } catch {
    throw new ConfigError(
      '--runtime bun needs @herald/bun installed next to @herald/cli (npm install @herald/bun bun)',
    );
  }
  const binary = bunBinary(bunPackage);
  const child = spawn(binary, [join(bunPackage, 'dist', 'cli-entry.js')], {
    stdio: 'inherit',
    env: {
      ...process.env,
      HERALD_BUN_SETTINGS: JSON.stringify({
        host: settings.host,
        port: settings.port,
        drainWindowMs: settings.drainWindowMs,
        apps,
        core:
          settings.httpFallbackHostname === undefined
            ? settings.core
            : { ...settings.core, httpFallback: { hostname: settings.httpFallbackHostname } },
      }),
    },
  });
  // The Bun process drains on these itself; forwarding keeps `herald` one process to supervisors.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGTERM', forward);
  process.on('SIGINT', forward);
  return new Promise((resolve, reject) => {
    child.once('error', (error) =>
      reject(new ConfigError(`cannot run Bun (${binary}): ${error.message}`)),
    );
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// The `bun` npm package ships the binary; fall back to a `bun` on PATH.
function bunBinary(bunPackage: string): string {
  try {
    return join(
      dirname(createRequire(join(bunPackage, 'package.json')).resolve('bun/package.json')),
      'bin',
      'bun.exe',
    );
  } catch {
    return 'bun';
  }
}
