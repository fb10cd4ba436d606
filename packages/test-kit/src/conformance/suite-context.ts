// SuiteContext: what every conformance area gets — the target, and an `it` that knows known failures.
import { it } from 'vitest';
import type { ServerTarget } from '../server-target';

/** Options for `defineServerConformance`. */
export interface ConformanceOptions {
  /**
   * Titles of tests this target is known to fail, each with the reason. They run as `it.fails`, so
   * the suite stays green while the gap is open and turns red the moment it is fixed (then remove
   * the entry).
   * @default {}
   */
  knownFailures?: Readonly<Record<string, string>>;
  /**
   * Subscribers in the broadcast test.
   * @default 200
   */
  broadcastSubscribers?: number;
}

/** A test body. */
export type TestBody = () => Promise<void>;

/** Shared by every area of the suite. */
export interface SuiteContext {
  readonly target: ServerTarget;
  readonly options: ConformanceOptions;
  /** Registers one behaviour; runs as `it.fails` when listed in `knownFailures`. */
  readonly test: (title: string, body: TestBody, timeoutMs?: number) => void;
}

/** Builds the context for one target. */
export function createSuiteContext(
  target: ServerTarget,
  options: ConformanceOptions,
): SuiteContext {
  const known = options.knownFailures ?? {};
  return {
    target,
    options,
    test: (title, body, timeoutMs) => {
      if (Object.hasOwn(known, title))
        it.fails(`${title} [known failure: ${known[title]!}]`, body, timeoutMs);
      else it(title, body, timeoutMs);
    },
  };
}
