// The bench's command line: `[scenario ...] [--quick] [--cpu-prof <dir>] [--loaders <n>]`.

export interface BenchArgs {
  /** Scenario names to run, in order; empty means all. */
  readonly scenarios: readonly string[];
  readonly isQuick: boolean;
  readonly cpuProfileDir?: string;
  readonly loaders: number;
}

export const USAGE =
  'usage: bench [fanout|publish|connections|presence|crossnode|webhooks|fallback|overload|abuse ...] [--quick] [--cpu-prof <dir>] [--loaders <n>]';

/** Parses `argv` (without node and the script); throws TypeError with the usage on anything unknown. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const scenarios: string[] = [];
  let isQuick = false;
  let cpuProfileDir: string | undefined;
  let loaders = 2;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') continue;
    if (arg === '--quick') isQuick = true;
    else if (arg === '--cpu-prof') cpuProfileDir = valueAfter(argv, index++, arg);
    else if (arg === '--loaders') loaders = Number(valueAfter(argv, index++, arg));
    else if (arg.startsWith('-')) throw new TypeError(`unknown option ${arg}\n${USAGE}`);
    else scenarios.push(arg);
  }
  if (!Number.isInteger(loaders) || loaders < 1)
    throw new TypeError(`--loaders takes a positive integer\n${USAGE}`);
  return cpuProfileDir === undefined
    ? { scenarios, isQuick, loaders }
    : { scenarios, isQuick, loaders, cpuProfileDir };
}

function valueAfter(argv: readonly string[], index: number, option: string): string {
  const value = argv[index + 1];
  if (value === undefined) throw new TypeError(`${option} needs a value\n${USAGE}`);
  return value;
}
