// JSON reader: reads a whole body and parses it once at the end, as Laravel's useJsonStream does.
import { StreamError } from '../errors';
import { readAllText } from './read-text';

/**
 * Parses text as JSON, reporting failure as a `StreamError` with code `invalid_json`.
 */
export function parseJson<T>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new StreamError('invalid_json', `Stream data is not valid JSON: ${String(error)}`, {
      cause: error,
    });
  }
}

/**
 * Reads a byte stream to its end and parses it as one JSON document.
 *
 * @example
 * ```ts
 * const users = await readJson<User[]>((await fetch('/users')).body!);
 * ```
 */
export async function readJson<T>(body: ReadableStream<Uint8Array>): Promise<T> {
  return parseJson<T>(await readAllText(body));
}
