// NDJSON reader: yields one parsed value per newline-terminated line as soon as the line is complete.
import { parseJson } from './read-json';
import { readText } from './read-text';

/**
 * Yields each line of a newline-delimited JSON stream, parsed, as it arrives.
 *
 * Blank lines are skipped and a final line without a trailing newline is still parsed. A line that
 * is not JSON throws a `StreamError` with code `invalid_json`.
 *
 * @example
 * ```ts
 * for await (const row of readNdjson<Row>((await fetch('/export')).body!)) table.add(row);
 * ```
 */
export async function* readNdjson<T = unknown>(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<T, void> {
  let pending = '';
  for await (const text of readText(body)) {
    pending += text;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line !== '') yield parseJson<T>(line);
      newline = pending.indexOf('\n');
    }
  }
  const last = pending.trim();
  if (last !== '') yield parseJson<T>(last);
}
