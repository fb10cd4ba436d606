// A device's output as the page keeps it: one run at a time, ordered by seq, each line once, however
// the lines arrive (live broadcasts, and the app's catch-up after a reconnect, in any order).
import type { DeviceMessage } from '../relay-wire';

/** Lines kept per device on the page. */
export const SHOWN_MESSAGES = 500;

/** One device's lines. */
export class DeviceOutput {
  run: string | null = null;
  #lines: DeviceMessage[] = [];

  get lines(): readonly DeviceMessage[] {
    return this.#lines;
  }

  /**
   * Adds `messages` of `run`; a different run than the one shown replaces it (the device process
   * was restarted). Answers which lines to append, or `'all'` when the list has to be drawn again.
   */
  merge(run: string, messages: readonly DeviceMessage[]): readonly DeviceMessage[] | 'all' {
    let isRedraw = false;
    if (run !== this.run) {
      this.run = run;
      this.#lines = [];
      isRedraw = true;
    }
    const known = new Set(this.#lines.map((line) => line.seq));
    const fresh = messages.filter((message) => !known.has(message.seq));
    if (fresh.length === 0) return isRedraw ? 'all' : [];
    const last = this.#lines.at(-1)?.seq ?? 0;
    const isInOrder = fresh.every((m, i) => m.seq > (i === 0 ? last : fresh[i - 1]!.seq));
    this.#lines.push(...fresh);
    if (!isInOrder) this.#lines.sort((a, b) => a.seq - b.seq);
    const overflow = this.#lines.length - SHOWN_MESSAGES;
    if (overflow > 0) this.#lines.splice(0, overflow);
    return isRedraw || !isInOrder || overflow > 0 ? 'all' : fresh;
  }
}
