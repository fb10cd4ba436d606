// The exposition reader the other tests rely on must itself refuse what Prometheus would.
import { describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from './exposition';

const GOOD = '# HELP x_total Things.\n# TYPE x_total counter\nx_total{a="1",b="q\\"uote"} 3\n';

describe('parseExposition', () => {
  it('reads samples with their labels', () => {
    const families = parseExposition(GOOD);
    expect(sampleValue(families, 'x_total', { a: '1', b: 'q"uote' })).toBe(3);
    expect(sampleValue(families, 'x_total', { a: '1' })).toBeUndefined();
    expect(() => sampleValue(families, 'y')).toThrow(/no metric family/);
  });

  it.each([
    ['a sample without HELP and TYPE', 'x 1\n'],
    ['a TYPE without HELP', '# TYPE x gauge\nx 1\n'],
    ['a sample outside its family', '# HELP x X.\n# TYPE x gauge\ny 1\n'],
    ['a bad label', '# HELP x X.\n# TYPE x gauge\nx{a=1} 1\n'],
    ['a bad value', '# HELP x X.\n# TYPE x gauge\nx one\n'],
    ['a repeated series', '# HELP x X.\n# TYPE x gauge\nx{a="1"} 1\nx{a="1"} 2\n'],
    ['no final newline', GOOD.trimEnd()],
  ])('rejects %s', (_, text) => {
    expect(() => parseExposition(text)).toThrow();
  });
});
