import { describe, expect, it } from 'vitest';
import { StreamError } from '../errors';
import { readJson } from './read-json';
import { readNdjson } from './read-ndjson';

function textStream(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}

describe('readNdjson', () => {
  it('parses lines split across chunks and a last line without newline', async () => {
    const body = textStream(['{"a":', '1}\n\n{"b"', ':2}\n{"c":3}']);
    expect(await collect(readNdjson(body))).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('rejects a line that is not JSON with code invalid_json', async () => {
    const error = await collect(readNdjson(textStream(['{"a":1}\nnope\n']))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).code).toBe('invalid_json');
  });
});

describe('readJson', () => {
  it('parses the whole body once it ends', async () => {
    expect(await readJson(textStream(['{"users":[', '{"id":1}', ']}']))).toEqual({
      users: [{ id: 1 }],
    });
  });
});
