// Text reader: decodes a byte stream to UTF-8 text incrementally, never splitting a character.

/**
 * Yields the text of a byte stream chunk by chunk.
 *
 * One `TextDecoder` in streaming mode spans the whole body, so a multi-byte character split across
 * two network chunks is held back until its last byte arrives instead of becoming U+FFFD.
 * Empty chunks (a chunk holding only the start of a character) are not yielded.
 *
 * @example
 * ```ts
 * const response = await fetch('/chat', { method: 'POST' });
 * for await (const text of readText(response.body!)) output.append(text);
 * ```
 */
export async function* readText(body: ReadableStream<Uint8Array>): AsyncGenerator<string, void> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let isDone = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      if (text !== '') yield text;
    }
    isDone = true;
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  } finally {
    // A consumer that stops early (break, return, throw) must not leave the connection open.
    if (!isDone) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Reads a whole byte stream as UTF-8 text. */
export async function readAllText(body: ReadableStream<Uint8Array>): Promise<string> {
  let text = '';
  for await (const chunk of readText(body)) text += chunk;
  return text;
}
