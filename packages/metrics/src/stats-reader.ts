// StatsReader: one herald.stats() reading shared by every metric collected in the same scrape.
import type { Herald, HeraldStats } from '@herald/protocol';

/**
 * A scrape collects every metric in one synchronous pass (prom-client calls each `collect()`
 * before its first await), so one reading serves them all: the scrape costs one O(channels)
 * walk instead of one per metric, and gauges of one scrape agree with each other.
 */
export class StatsReader {
  private reading: HeraldStats | undefined;

  constructor(private readonly herald: Pick<Herald, 'stats'>) {}

  read(): HeraldStats {
    if (this.reading === undefined) {
      this.reading = this.herald.stats();
      queueMicrotask(() => {
        this.reading = undefined;
      });
    }
    return this.reading;
  }
}
