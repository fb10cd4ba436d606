// The server helpers on a real server: headers, wire format, heartbeats, and producers stopped on disconnect.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readNdjson } from '../src/readers/read-ndjson';
import { readAllText, readText } from '../src/readers/read-text';
import {
  createEventStreamResponse,
  createNdjsonStreamResponse,
  createTextStreamResponse,
  sendEventStream,
  sendNdjsonStream,
  sendTextStream,
  type StreamContext,
} from '../src/server';
import { ManualClock } from './helpers/manual-clock';
import { deferred, startServer, type Handler, type TestServer } from './helpers/server';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler): Promise<string> {
  server = await startServer(handler);
  return server.url;
}

/** Serves a web Response from a Node server, the way web-standard runtimes do. */
async function serveWeb(respond: (request: Request) => Response): Promise<string> {
  return serve((req: IncomingMessage, res: ServerResponse) => {
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const headers = new Headers(req.headers as Record<string, string>);
    const response = respond(
      new Request(`http://127.0.0.1${req.url}`, { headers, signal: controller.signal }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    Readable.fromWeb(response.body as NodeReadableStream)
      .on('error', (e) => res.destroy(e))
      .pipe(res);
  });
}

/** A producer that yields once, then waits until the client goes away, and reports being stopped. */
function hangingProducer<T>(first: T) {
  const stopped = deferred();
  async function* producer({ signal }: StreamContext): AsyncGenerator<T> {
    try {
      yield first;
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
    } finally {
      stopped.resolve();
    }
  }
  return { producer, stopped: stopped.promise };
}

async function firstChunkThenAbort(url: string): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = readText(response.body as ReadableStream<Uint8Array>);
  const first = await reader.next();
  controller.abort();
  await reader.return();
  return String(first.value);
}

describe('sendEventStream', () => {
  it('writes the headers and wire format the hooks expect, ending with the end signal', async () => {
    const url = await serve((_req, res) =>
      sendEventStream(res, [{ id: 1, data: { step: 1 } }, { data: 'two' }]),
    );
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(await response.text()).toBe(
      'event: update\nid: 1\ndata: {"step":1}\n\nevent: update\ndata: two\n\nevent: update\ndata: </stream>\n\n',
    );
  });

  it('writes heartbeat comments on the injected clock', async () => {
    const clock = new ManualClock();
    const { producer } = hangingProducer({ data: 'x' });
    const url = await serve((_req, res) =>
      sendEventStream(res, producer, { clock, heartbeatMs: 5000 }),
    );
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    const reader = readText(response.body as ReadableStream<Uint8Array>);
    expect((await reader.next()).value).toContain('data: x');
    expect(clock.delays).toEqual([5000]);
    clock.runAll();
    expect((await reader.next()).value).toBe(': heartbeat\n\n');
    controller.abort();
    await reader.return();
  });

  it('passes Last-Event-ID to the producer', async () => {
    const url = await serve((_req, res) =>
      sendEventStream(res, ({ lastEventId }) => [{ data: lastEventId }], { endSignal: false }),
    );
    const response = await fetch(url, { headers: { 'Last-Event-ID': '41' } });
    expect(await response.text()).toBe('event: update\ndata: 41\n\n');
  });

  it('stops the producer when the client goes away', async () => {
    const { producer, stopped } = hangingProducer({ data: 'x' });
    const url = await serve((_req, res) => sendEventStream(res, producer));
    expect(await firstChunkThenAbort(url)).toContain('data: x');
    await stopped;
  });
});

describe('sendTextStream and sendNdjsonStream', () => {
  it('streams text with no-buffering headers and stops the producer on disconnect', async () => {
    const { producer, stopped } = hangingProducer('hello');
    const url = await serve((_req, res) => sendTextStream(res, producer));
    expect(await firstChunkThenAbort(url)).toBe('hello');
    await stopped;
  });

  it('destroys the response when the producer fails, so the client sees an error', async () => {
    const rejection = deferred<unknown>();
    const url = await serve((_req, res) =>
      sendTextStream(res, function* () {
        yield 'partial';
        throw new Error('failed');
      }).catch(rejection.resolve),
    );
    const response = await fetch(url);
    await expect(readAllText(response.body as ReadableStream<Uint8Array>)).rejects.toThrow();
    expect(String(await rejection.promise)).toContain('failed');
  });

  it('streams NDJSON lines that readNdjson parses', async () => {
    const url = await serve((_req, res) => sendNdjsonStream(res, [{ a: 1 }, { b: 'é' }]));
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const rows: unknown[] = [];
    for await (const row of readNdjson(response.body as ReadableStream<Uint8Array>)) rows.push(row);
    expect(rows).toEqual([{ a: 1 }, { b: 'é' }]);
  });
});

describe('web Response helpers', () => {
  it('streams an event stream, reading lastEventId from the query', async () => {
    const url = await serveWeb((request) =>
      createEventStreamResponse(({ lastEventId }) => [{ id: 2, data: `after ${lastEventId}` }], {
        request,
      }),
    );
    const response = await fetch(`${url}/sse?lastEventId=1`);
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(await response.text()).toBe(
      'event: update\nid: 2\ndata: after 1\n\nevent: update\ndata: </stream>\n\n',
    );
  });

  it('streams text and NDJSON', async () => {
    const url = await serveWeb((request) =>
      request.url.endsWith('/text')
        ? createTextStreamResponse(['a', new TextEncoder().encode('b')], { request })
        : createNdjsonStreamResponse([1, [2]], { request }),
    );
    expect(await (await fetch(`${url}/text`)).text()).toBe('ab');
    expect(await (await fetch(`${url}/rows`)).text()).toBe('1\n[2]\n');
  });

  it('stops the producer when the client goes away', async () => {
    const { producer, stopped } = hangingProducer('first');
    const url = await serveWeb((request) => createTextStreamResponse(producer, { request }));
    expect(await firstChunkThenAbort(url)).toBe('first');
    await stopped;
  });

  it('errors the body when the producer fails', async () => {
    const url = await serveWeb((request) =>
      createTextStreamResponse(
        (function* () {
          yield 'partial';
          throw new Error('failed');
        })(),
        { request },
      ),
    );
    const response = await fetch(url);
    await expect(readAllText(response.body as ReadableStream<Uint8Array>)).rejects.toThrow();
  });

  it('does not read ahead of a slow reader', async () => {
    let produced = 0;
    const response = createTextStreamResponse(
      (function* () {
        for (;;) {
          produced++;
          yield 'x';
        }
      })(),
    );
    await vi.waitFor(() => expect(produced).toBeGreaterThan(0));
    await new Promise((resolve) => setImmediate(resolve));
    expect(produced).toBeLessThan(5);
    await response.body?.cancel();
  });
});
