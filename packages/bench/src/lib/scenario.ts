// What a scenario is, and what the bench hands it.
import type { LoaderPool } from './loader';
import type { Report } from './report';

/** Shared by every scenario of one run. */
export interface BenchContext {
  readonly report: Report;
  /** Smaller counts, for a smoke run. */
  readonly isQuick: boolean;
  /** The loader children holding client sockets; every scenario leaves them empty. */
  readonly loaders: LoaderPool;
  /** Set with `--cpu-prof`: server children write CPU profiles here. */
  readonly cpuProfileDir?: string;
}

/** One named benchmark, selected on the command line by `name`. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  run(context: BenchContext): Promise<void>;
}
