import { describe, expect, it } from 'vitest';
import { readAllText, readText } from './read-text';

function bytesStream(pieces: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

function splitEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.slice(i, i + size));
  return pieces;
}

describe('readText', () => {
  it('keeps multi-byte characters whole when chunks split them', async () => {
    const text = 'héllo €uro 😀 日本';
    const pieces = splitEvery(new TextEncoder().encode(text), 1);
    expect(await readAllText(bytesStream(pieces))).toBe(text);
  });

  it('never yields an empty chunk for a partial character', async () => {
    const emoji = new TextEncoder().encode('😀');
    const chunks: string[] = [];
    for await (const chunk of readText(bytesStream(splitEvery(emoji, 1)))) chunks.push(chunk);
    expect(chunks).toEqual(['😀']);
  });

  it('cancels the body when the consumer stops early', async () => {
    let isCancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('x'));
      },
      cancel() {
        isCancelled = true;
      },
    });
    for await (const chunk of readText(body)) {
      expect(chunk).toBe('x');
      break;
    }
    expect(isCancelled).toBe(true);
  });
});
