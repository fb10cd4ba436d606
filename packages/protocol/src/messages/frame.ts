// The core's Frame implementation: JSON text plus a per-adapter memo of encoded forms.
import type { Frame } from '../contracts/frame';

/**
 * Wraps serialized JSON. The memo holds at most a couple of entries (one per adapter encoding),
 * so a plain field pair beats a Map for the common single-adapter case.
 */
class TextFrame implements Frame {
  private memoKey: symbol | undefined;
  private memoValue: unknown;
  private others: Map<symbol, unknown> | undefined;
  private bytes = -1;

  constructor(readonly text: string) {}

  get byteLength(): number {
    if (this.bytes < 0) this.bytes = Buffer.byteLength(this.text);
    return this.bytes;
  }

  encode<T>(key: symbol, build: (text: string) => T): T {
    if (this.memoKey === key) return this.memoValue as T;
    if (this.memoKey === undefined) {
      this.memoKey = key;
      this.memoValue = build(this.text);
      return this.memoValue as T;
    }
    this.others ??= new Map();
    if (!this.others.has(key)) this.others.set(key, build(this.text));
    return this.others.get(key) as T;
  }
}

/** Wraps already-serialized JSON text in a {@link Frame}. */
export function frameFromText(text: string): Frame {
  return new TextFrame(text);
}

/** Serializes a message object once into a {@link Frame}. */
export function frameOf(message: object): Frame {
  return new TextFrame(JSON.stringify(message));
}
