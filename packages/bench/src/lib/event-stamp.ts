// The timed event payload: its index in the round and the monotonic publish time, read back from a frame.

/** Padding that brings an event's `data` to a typical app payload size (~200 bytes). */
const PADDING = 'x'.repeat(160);

/** `data` for event `index` of a round, stamped with the publish time (µs, monotonic clock). */
export function stampedData(index: number, publishedUs: number): string {
  return `{"i":${index},"t":${publishedUs},"pad":"${PADDING}"}`;
}

// In a frame, `data` is a JSON string, so its quotes arrive escaped.
const STAMP = /\\"i\\":(\d+),\\"t\\":(\d+)/;

/** The stamp of a frame carrying {@link stampedData}, or `undefined` for any other frame. */
export function readStamp(frameText: string): { index: number; publishedUs: number } | undefined {
  const match = STAMP.exec(frameText);
  if (match === null) return undefined;
  return { index: Number(match[1]), publishedUs: Number(match[2]) };
}

const EVENT_KEY = '"event":"';

/** The `event` of a frame without parsing it (frames may be large presence rosters). */
export function eventNameOf(frameText: string): string {
  const at = frameText.indexOf(EVENT_KEY);
  if (at < 0) return '';
  const start = at + EVENT_KEY.length;
  return frameText.slice(start, frameText.indexOf('"', start));
}
