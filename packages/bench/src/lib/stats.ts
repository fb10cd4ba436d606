// Latency statistics: percentiles over samples.

/** Sorts a copy of `samples` ascending. */
export function sorted(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}

/** Nearest-rank percentile `p` (0–100) of ascending `values`; `NaN` when empty. */
export function percentile(values: Float64Array, p: number): number {
  if (values.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * values.length);
  return values[Math.min(values.length - 1, Math.max(0, rank - 1))]!;
}

/** p50, p99 and max of `samples`. */
export function summarize(samples: ArrayLike<number>): { p50: number; p99: number; max: number } {
  const values = sorted(samples);
  return {
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length === 0 ? Number.NaN : values[values.length - 1]!,
  };
}
