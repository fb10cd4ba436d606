// A strict reader of the Prometheus text exposition format (0.0.4), so tests assert exact samples.

/** One sample line. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A metric family: its HELP and TYPE and every sample under them. */
export interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: string;
  readonly samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: -?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/y;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
/** Sample-name suffixes allowed under a family of the given type. */
const SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/**
 * Parses exposition text into families by name. Throws on anything a Prometheus server would
 * reject or that breaks the conventions: a sample before its family's HELP and TYPE, a name
 * outside its family, a bad label, an unparsable value, a repeated series, a missing final newline.
 */
export function parseExposition(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('exposition must end with a newline');
  const families = new Map<string, Family>();
  const series = new Set<string>();
  let help: { name: string; text: string } | undefined;
  let current: Family | undefined;
  for (const [index, line] of text.slice(0, -1).split('\n').entries()) {
    const where = `line ${index + 1}: ${line}`;
    if (line === '') continue;
    if (line.startsWith('# HELP ')) {
      const [name = '', ...rest] = line.slice(7).split(' ');
      if (!NAME.test(name)) throw new Error(`bad HELP name, ${where}`);
      help = { name, text: rest.join(' ') };
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      const [name = '', type = ''] = line.slice(7).split(' ');
      if (help?.name !== name) throw new Error(`TYPE without a HELP just before it, ${where}`);
      if (!TYPES.has(type)) throw new Error(`unknown type, ${where}`);
      if (families.has(name)) throw new Error(`family declared twice, ${where}`);
      current = { name, help: help.text, type, samples: [] };
      families.set(name, current);
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample, ${where}`);
    const [, name = '', labelText = '', valueText = ''] = match;
    if (current === undefined) throw new Error(`sample before any HELP/TYPE, ${where}`);
    const suffixes = SUFFIXES[current.type] ?? [''];
    if (!suffixes.some((suffix) => name === current!.name + suffix)) {
      throw new Error(`sample outside its family ${current.name}, ${where}`);
    }
    const labels = parseLabels(labelText, where);
    const value = parseValue(valueText, where);
    const key = `${name}{${Object.entries(labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join(',')}}`;
    if (series.has(key)) throw new Error(`series repeated, ${where}`);
    series.add(key);
    current.samples.push({ name, labels, value });
  }
  return families;
}

function parseLabels(text: string, where: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (!match) throw new Error(`bad labels, ${where}`);
    const [, name = '', raw = ''] = match;
    if (name in labels) throw new Error(`label repeated, ${where}`);
    labels[name] = raw.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

function parseValue(text: string, where: string): number {
  // Prometheus parses NaN in any case; prom-client writes `Nan` (an empty summary, a fresh lag reading).
  if (text.toLowerCase() === 'nan') return Number.NaN;
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`bad value, ${where}`);
  return value;
}

/**
 * The value of the sample `name` whose labels are exactly `labels`, or `undefined` when there is
 * none; throws when the family itself is missing, so a renamed metric fails loudly.
 */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const family = families.get(name);
  if (family === undefined) throw new Error(`no metric family ${name}`);
  const wanted = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
  const found = family.samples.find(
    (sample) =>
      sample.name === name &&
      JSON.stringify(Object.entries(sample.labels).sort(([a], [b]) => a.localeCompare(b))) ===
        wanted,
  );
  return found?.value;
}
