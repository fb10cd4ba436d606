// Repeat aggregation for log lines: the first of a kind at once, then one line per interval with a count.
import { systemClock, type Clock, type TimerHandle } from '@herald/protocol';
import type { Logger } from './logger';

/** The pino levels the log observer writes at. */
export type RepeatLevel = 'debug' | 'info' | 'warn' | 'error';

/** Options of {@link createRepeatAggregator}. */
export interface RepeatAggregatorOptions {
  /**
   * After a line is written, repeats of its kind within this window are counted, not written; the
   * window ends with one line carrying the count, and stays open while repeats keep coming.
   * @default 10000
   */
  intervalMs?: number;
  /**
   * Kinds tracked at once. Keys carry values a client chooses (an app key it made up), so past this
   * many, new kinds share one overflow kind per event and the lines stay bounded.
   * @default 1000
   */
  maxKinds?: number;
  /** Time source; tests pass a manual clock. @default systemClock */
  clock?: Clock;
}

/** Defaults of {@link RepeatAggregatorOptions}. */
export const REPEAT_AGGREGATOR_DEFAULTS = Object.freeze({ intervalMs: 10_000, maxKinds: 1000 });

/** Writes log lines, folding repeats of one kind into a counted summary per interval. */
export interface RepeatAggregator {
  /**
   * Writes the line now if no line of its kind was written in the current window; otherwise counts
   * it. `kind` is the event name followed by what tells kinds apart (app, code, reason).
   */
  log(
    kind: readonly [event: string, ...parts: string[]],
    level: RepeatLevel,
    fields: object,
    message: string,
  ): void;
  /** Writes every pending summary now and stops the timers (on shutdown, so no count is lost). */
  flush(): void;
}

interface Window {
  level: RepeatLevel;
  fields: object;
  message: string;
  /** Lines of this kind counted, not written, since the window opened. */
  repeats: number;
  timer: TimerHandle;
}

/**
 * Creates the aggregator. A flood of N identical refusals over T ms costs 1 + ceil(T / intervalMs)
 * lines, each summary saying how many it stands for (`repeated`), instead of N lines: a client that
 * sends bad requests in a loop cannot fill the disk, and an operator still sees the first at once.
 */
export function createRepeatAggregator(
  logger: Logger,
  options: RepeatAggregatorOptions = {},
): RepeatAggregator {
  const intervalMs = options.intervalMs ?? REPEAT_AGGREGATOR_DEFAULTS.intervalMs;
  const maxKinds = options.maxKinds ?? REPEAT_AGGREGATOR_DEFAULTS.maxKinds;
  const clock = options.clock ?? systemClock;
  const windows = new Map<string, Window>();

  const summarize = (window: Window): void => {
    const seconds = intervalMs / 1000;
    logger[window.level](
      { ...window.fields, repeated: window.repeats, intervalMs },
      `${window.message} (repeated ${window.repeats} more times within ${seconds} s)`,
    );
    window.repeats = 0;
  };

  const close = (key: string, window: Window): void => {
    if (window.repeats === 0) {
      windows.delete(key);
      return;
    }
    // Still being repeated: report, and keep the window open so the flood stays one line per interval.
    summarize(window);
    window.timer = clock.setTimeout(() => close(key, window), intervalMs);
  };

  return {
    log(kind, level, fields, message) {
      let key = kind.join('\0');
      if (!windows.has(key) && windows.size >= maxKinds) key = `${kind[0]}\0*`;
      const window = windows.get(key);
      if (window !== undefined) {
        // The latest repeat's fields (its socket, its address) go into the summary.
        window.repeats++;
        window.fields = fields;
        window.level = level;
        window.message = message;
        return;
      }
      logger[level](fields, message);
      const opened: Window = { level, fields, message, repeats: 0, timer: undefined };
      opened.timer = clock.setTimeout(() => close(key, opened), intervalMs);
      windows.set(key, opened);
    },
    flush() {
      for (const window of windows.values()) {
        clock.clearTimeout(window.timer);
        if (window.repeats > 0) summarize(window);
      }
      windows.clear();
    },
  };
}
