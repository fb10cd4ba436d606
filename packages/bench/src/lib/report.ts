// Named numbers: one line per number as it is measured, and a comparison table at the end.

/** Which server a number was measured on: Herald on Node, Herald on Bun, or the raw `ws` ceiling. */
export type Target = 'herald' | 'bun' | 'ceiling';

interface Metric {
  readonly scenario: string;
  readonly target: Target;
  readonly caseName: string;
  readonly name: string;
  readonly value: number;
  readonly isCompared: boolean;
}

/** How a number is recorded. */
export interface RecordOptions {
  /**
   * Whether `herald / ceiling` means something for this number (not for counts like lost deliveries).
   * @default true
   */
  readonly isCompared?: boolean;
}

/** One number as Herald and the ceiling measured it. */
interface Row {
  readonly scenario: string;
  readonly caseName: string;
  readonly name: string;
  readonly isCompared: boolean;
  herald?: number;
  bun?: number;
  ceiling?: number;
  ratio?: number;
  bunRatio?: number;
}

const NAME_WIDTH = 52;

/** Formats a number with a precision that suits its size. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toString();
  if (magnitude >= 100) return value.toFixed(1);
  return value.toFixed(2);
}

/** Collects and prints the numbers of a run, e.g. `fanout.herald.1000.cpu_us_per_delivery  3.41`. */
export class Report {
  private readonly metrics: Metric[] = [];

  /** Records and prints one number; the unit belongs in `name` (`_ms`, `_us`, `_kb`, `_per_s`). */
  record(
    scenario: string,
    target: Target,
    caseName: string,
    name: string,
    value: number,
    options: RecordOptions = {},
  ): void {
    this.metrics.push({
      scenario,
      target,
      caseName,
      name,
      value,
      isCompared: options.isCompared ?? true,
    });
    this.line(`${scenario}.${target}.${caseName}.${name}`, value);
  }

  /** Prints a free-form note (what was run, a warning) without recording a number. */
  note(text: string): void {
    console.log(`# ${text}`);
  }

  /** Prints `herald / ceiling` for every number measured on both, for one scenario and case. */
  printRatios(scenario: string, caseName: string): void {
    for (const row of this.rows()) {
      if (row.scenario !== scenario || row.caseName !== caseName) continue;
      if (row.ratio !== undefined)
        this.line(`${scenario}.herald_vs_ceiling.${caseName}.${row.name}`, row.ratio);
      if (row.bunRatio !== undefined)
        this.line(`${scenario}.bun_vs_ceiling.${caseName}.${row.name}`, row.bunRatio);
    }
  }

  /** The summary table: one row per number, Herald and the ceiling side by side. */
  summary(): string {
    const rows = this.rows();
    const header = ['number', 'herald', 'bun', 'ceiling', 'herald/ceiling', 'bun/ceiling'];
    const show = (value: number | undefined) => (value === undefined ? '-' : formatNumber(value));
    const cells = rows.map((row) => [
      `${row.scenario}.${row.caseName}.${row.name}`,
      show(row.herald),
      show(row.bun),
      show(row.ceiling),
      show(row.ratio),
      show(row.bunRatio),
    ]);
    const widths = header.map((title, column) =>
      Math.max(title.length, ...cells.map((cell) => cell[column]!.length)),
    );
    const render = (cell: string[]): string =>
      cell
        .map((text, column) =>
          column === 0 ? text.padEnd(widths[0]!) : text.padStart(widths[column]!),
        )
        .join('  ');
    return [
      render(header),
      widths.map((width) => '-'.repeat(width)).join('  '),
      ...cells.map(render),
    ].join('\n');
  }

  private line(name: string, value: number): void {
    console.log(`${name.padEnd(NAME_WIDTH)} ${formatNumber(value)}`);
  }

  private rows(): Row[] {
    const byKey = new Map<string, Row>();
    for (const metric of this.metrics) {
      const key = `${metric.scenario}\u0000${metric.caseName}\u0000${metric.name}`;
      let row = byKey.get(key);
      if (row === undefined) {
        row = {
          scenario: metric.scenario,
          caseName: metric.caseName,
          name: metric.name,
          isCompared: metric.isCompared,
        };
        byKey.set(key, row);
      }
      row[metric.target] = metric.value;
    }
    for (const row of byKey.values()) {
      if (
        row.isCompared &&
        row.herald !== undefined &&
        row.ceiling !== undefined &&
        row.ceiling !== 0
      ) {
        row.ratio = row.herald / row.ceiling;
      }
      if (
        row.isCompared &&
        row.bun !== undefined &&
        row.ceiling !== undefined &&
        row.ceiling !== 0
      ) {
        row.bunRatio = row.bun / row.ceiling;
      }
    }
    return [...byKey.values()];
  }
}
