// ChildCache: prom-client child handles by label values, so hot-path hooks skip label resolution.

/** Label values → a metric child, made once on first use. */
export class ChildCache<C> {
  private readonly children = new Map<string, C>();

  constructor(private readonly make: (...values: string[]) => C) {}

  get(...values: string[]): C {
    // NUL cannot appear in a label value we pass (app ids, codes, methods, reasons).
    const key = values.length === 1 ? values[0]! : values.join('\u0000');
    let child = this.children.get(key);
    if (child === undefined) {
      child = this.make(...values);
      this.children.set(key, child);
    }
    return child;
  }
}
