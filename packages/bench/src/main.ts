// `pnpm bench [scenario ...] [--quick]`: runs the scenarios against Herald and the raw-ws ceiling.
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseBenchArgs, USAGE } from './lib/cli-args';
import { LoaderPool } from './lib/loader';
import { CLOCK_TICKS_PER_SECOND } from './lib/proc-stats';
import { Report } from './lib/report';
import type { Scenario } from './lib/scenario';
import { abuse } from './scenarios/abuse';
import { connections } from './scenarios/connections';
import { crossnode } from './scenarios/crossnode';
import { fallback } from './scenarios/fallback';
import { fanout } from './scenarios/fanout';
import { overload } from './scenarios/overload';
import { presence } from './scenarios/presence';
import { publishCost } from './scenarios/publish-cost';
import { webhooks } from './scenarios/webhooks';

const SCENARIOS: readonly Scenario[] = [
  fanout,
  publishCost,
  connections,
  presence,
  crossnode,
  webhooks,
  fallback,
  overload,
  abuse,
];
/** A run that takes longer than this is stuck: stop it (children exit when the bench does). */
const RUN_TIMEOUT_MS = 20 * 60_000;
/** File descriptors the connections scenario needs in the busiest process, with room to spare. */
const WANTED_OPEN_FILES = 12_000;

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const unknown = args.scenarios.filter(
    (name) => !SCENARIOS.some((scenario) => scenario.name === name),
  );
  if (unknown.length > 0) {
    console.error(`unknown scenario ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  const selected =
    args.scenarios.length === 0
      ? SCENARIOS
      : SCENARIOS.filter((scenario) => args.scenarios.includes(scenario.name));
  const cpuProfileDir = args.cpuProfileDir === undefined ? undefined : resolve(args.cpuProfileDir);
  if (cpuProfileDir !== undefined) mkdirSync(cpuProfileDir, { recursive: true });

  const report = new Report();
  report.note(
    `herald bench${args.isQuick ? ' --quick' : ''}: ${selected.map((scenario) => scenario.name).join(', ')}`,
  );
  report.note(
    `node ${process.version}, ${availableParallelism()} cores, CLK_TCK ${CLOCK_TICKS_PER_SECOND}, ulimit -n ${openFileLimit()}, ${args.loaders} loader processes`,
  );
  report.note(
    'server CPU = utime+stime of the server process from /proc/<pid>/stat; ceiling = raw ws broadcaster writing one pre-built frame',
  );
  const limit = Number(openFileLimit());
  if (Number.isFinite(limit) && limit < WANTED_OPEN_FILES) {
    report.note(
      `warning: ulimit -n is ${limit}; the connections scenario wants ${WANTED_OPEN_FILES} (raise it with ulimit -n before running)`,
    );
  }

  const loaders = LoaderPool.start(args.loaders);
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${RUN_TIMEOUT_MS / 60_000} min, giving up`);
    process.exit(3);
  }, RUN_TIMEOUT_MS);
  watchdog.unref();
  let failures = 0;
  const startedMs = performance.now();
  try {
    for (const scenario of selected) {
      report.note(`${scenario.name}: ${scenario.description}`);
      const scenarioStartMs = performance.now();
      try {
        await scenario.run({
          report,
          isQuick: args.isQuick,
          loaders,
          ...(cpuProfileDir === undefined ? {} : { cpuProfileDir }),
        });
      } catch (error) {
        failures++;
        report.note(
          `${scenario.name} FAILED: ${error instanceof Error ? error.message : String(error)}`,
        );
        await loaders.closeAll().catch(() => undefined);
      }
      report.note(
        `${scenario.name} took ${((performance.now() - scenarioStartMs) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await loaders.stop();
    clearTimeout(watchdog);
  }
  console.log(
    `\nSummary (${((performance.now() - startedMs) / 1000).toFixed(0)} s${args.isQuick ? ', --quick' : ''})\n`,
  );
  console.log(report.summary());
  return failures === 0 ? 0 : 1;
}

function openFileLimit(): string {
  try {
    return execSync('ulimit -n', { encoding: 'utf8', shell: '/bin/sh' }).trim();
  } catch {
    return 'unknown';
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('bench:', error);
    process.exitCode = 1;
  },
);
