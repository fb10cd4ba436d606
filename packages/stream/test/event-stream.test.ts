// EventStreamStore against a real server built with sendEventStream: messages, end signal, resume, backoff.
import type { ServerResponse } from 'node:http';
import { EventSource } from 'eventsource';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventStream, type EventStreamStore } from '../src/event-stream/event-stream-store';
import type {
  EventStreamErrorEvent,
  EventStreamOptions,
} from '../src/event-stream/event-stream-options';
import type { StreamError } from '../src/errors';
import { sendEventStream, type ServerEvent, type StreamContext } from '../src/server';
import { ManualClock } from './helpers/manual-clock';
import { deferred, startServer, type Handler, type TestServer } from './helpers/server';

let server: TestServer | undefined;
let stream: EventStreamStore | undefined;

afterEach(async () => {
  stream?.close();
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler): Promise<string> {
  server = await startServer(handler);
  return server.url;
}

function connect(url: string, options: EventStreamOptions): EventStreamStore {
  stream = createEventStream(url, { retry: { jitter: false, initialDelayMs: 100 }, ...options });
  stream.connect();
  return stream;
}

/** Sends a, b with ids 1, 2, drops the connection when told, then resumes after the id it is given. */
function droppingProducer(res: ServerResponse, dropNow: Promise<void>) {
  return async function* ({ lastEventId, signal }: StreamContext): AsyncGenerator<ServerEvent> {
    const all = ['a', 'b', 'c', 'd'];
    if (lastEventId === null) {
      yield { id: 1, data: 'a' };
      yield { id: 2, data: 'b' };
      await dropNow;
      res.socket?.destroy();
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return;
    }
    for (let i = Number(lastEventId); i < all.length; i++) yield { id: i + 1, data: all[i] };
  };
}

describe('EventStreamStore over fetch', () => {
  it('joins update messages with the glue and completes on the end signal', async () => {
    const url = await serve((_req, res) =>
      sendEventStream(res, [
        { data: 'Hello' },
        { data: 'world' },
        { event: 'other', data: 'skip' },
      ]),
    );
    const onComplete = vi.fn();
    const onMessage = vi.fn();
    const store = connect(`${url}/sse`, { onComplete, onMessage });
    await vi.waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
    expect(store.getSnapshot()).toEqual({
      message: 'Hello world',
      messageParts: ['Hello', 'world'],
    });
    expect((onMessage.mock.calls[0]?.[0] as MessageEvent).data).toBe('Hello');
    expect(server?.requests).toHaveLength(1);
  });

  it('listens to several event names and keeps only the latest with replace', async () => {
    const url = await serve((_req, res) =>
      sendEventStream(res, [
        { event: 'create', data: 'one' },
        { event: 'update', data: { n: 2 } },
      ]),
    );
    const onComplete = vi.fn();
    const store = connect(`${url}/sse`, {
      eventName: ['create', 'update'],
      replace: true,
      onComplete,
    });
    await vi.waitFor(() => expect(onComplete).toHaveBeenCalled());
    expect(store.getSnapshot().messageParts).toEqual(['{"n":2}']);
  });

  it('reconnects after a dropped connection and resumes with Last-Event-ID', async () => {
    const dropNow = deferred();
    const url = await serve((_req, res) =>
      sendEventStream(res, droppingProducer(res, dropNow.promise)),
    );
    const clock = new ManualClock();
    const onError = vi.fn();
    const onComplete = vi.fn();
    const store = connect(`${url}/sse`, {
      clock,
      onError,
      onComplete,
      onMessage: (event) => event.data === 'b' && dropNow.resolve(),
    });
    await vi.waitFor(() => expect(clock.pendingCount).toBe(1));
    expect((onError.mock.calls[0]?.[0] as EventStreamErrorEvent).willRetry).toBe(true);
    clock.runAll();
    await vi.waitFor(() => expect(onComplete).toHaveBeenCalled());
    expect(server?.requests[1]?.headers['last-event-id']).toBe('2');
    expect(store.getSnapshot().message).toBe('a b c d');
    expect(clock.delays).toEqual([100]);
  });

  it('backs off exponentially while the server keeps failing, then recovers', async () => {
    let failures = 3;
    const url = await serve((_req, res) => {
      if (failures-- > 0) return void res.writeHead(503).end('busy');
      return sendEventStream(res, [{ data: 'up' }]);
    });
    const clock = new ManualClock();
    const onComplete = vi.fn();
    const store = connect(`${url}/sse`, { clock, onComplete });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await vi.waitFor(() => expect(clock.delays).toHaveLength(attempt));
      clock.runAll();
    }
    await vi.waitFor(() => expect(onComplete).toHaveBeenCalled());
    expect(clock.delays).toEqual([100, 200, 400]);
    expect(store.getSnapshot().message).toBe('up');
  });

  it('honours the retry field sent by the server', async () => {
    const dropNow = deferred();
    const url = await serve((req, res) => {
      if (server && server.requests.length > 1) return sendEventStream(res, []);
      return sendEventStream(res, async function* () {
        yield { data: 'x', retryMs: 750 };
        await dropNow.promise;
        res.socket?.destroy();
      });
    });
    const clock = new ManualClock();
    const onComplete = vi.fn();
    connect(`${url}/sse`, { clock, onComplete, onMessage: () => dropNow.resolve() });
    await vi.waitFor(() => expect(clock.delays).toEqual([750]));
    clock.runAll();
    await vi.waitFor(() => expect(onComplete).toHaveBeenCalled());
  });

  it('reports a server it cannot reach as network, and a dropped stream as connection_lost', async () => {
    const closed = await startServer((_req, res) => res.end());
    await closed.close();
    const clock = new ManualClock();
    const onError = vi.fn();
    connect(`${closed.url}/sse`, { clock, onError, retry: false });
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    const refused = (onError.mock.calls[0]?.[0] as EventStreamErrorEvent).error as StreamError;
    expect([refused.name, refused.code]).toEqual(['StreamError', 'network']);
    stream?.close();

    const dropNow = deferred();
    const url = await serve((_req, res) =>
      sendEventStream(res, droppingProducer(res, dropNow.promise)),
    );
    const onDropped = vi.fn();
    connect(`${url}/sse`, {
      clock,
      onError: onDropped,
      retry: false,
      onMessage: (event) => event.data === 'b' && dropNow.resolve(),
    });
    await vi.waitFor(() => expect(onDropped).toHaveBeenCalledTimes(1));
    const dropped = (onDropped.mock.calls[0]?.[0] as EventStreamErrorEvent).error as StreamError;
    expect([dropped.name, dropped.code]).toEqual(['StreamError', 'connection_lost']);
  });

  it('does not retry a 4xx answer', async () => {
    const url = await serve((_req, res) => res.writeHead(404).end('no such stream'));
    const clock = new ManualClock();
    const onError = vi.fn();
    connect(`${url}/sse`, { clock, onError });
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect((onError.mock.calls[0]?.[0] as EventStreamErrorEvent).willRetry).toBe(false);
    expect(clock.pendingCount).toBe(0);
  });

  it('closes on the first error with retry: false', async () => {
    const url = await serve((_req, res) => res.writeHead(503).end());
    const clock = new ManualClock();
    const onError = vi.fn();
    connect(`${url}/sse`, { clock, onError, retry: false });
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect(clock.pendingCount).toBe(0);
  });

  it('stops reconnecting after close()', async () => {
    const url = await serve((_req, res) => res.writeHead(503).end());
    const clock = new ManualClock();
    const store = connect(`${url}/sse`, { clock });
    await vi.waitFor(() => expect(clock.pendingCount).toBe(1));
    store.close();
    expect(clock.pendingCount).toBe(0);
  });

  it('POSTs a JSON body with headers over fetch', async () => {
    const url = await serve((_req, res) => sendEventStream(res, [{ data: 'ok' }]));
    const onComplete = vi.fn();
    connect(`${url}/sse`, {
      method: 'POST',
      body: { q: 1 },
      headers: { 'X-Token': 't' },
      onComplete,
    });
    await vi.waitFor(() => expect(onComplete).toHaveBeenCalled());
    expect(server?.requests[0]).toMatchObject({ method: 'POST', body: '{"q":1}' });
    expect(server?.requests[0]?.headers).toMatchObject({
      'x-token': 't',
      accept: 'text/event-stream',
    });
  });
});

describe('EventStreamStore over EventSource', () => {
  it('reconnects with backoff and resumes with the lastEventId query parameter', async () => {
    const dropNow = deferred();
    const url = await serve((_req, res) =>
      sendEventStream(res, droppingProducer(res, dropNow.promise)),
    );
    const clock = new ManualClock();
    const onComplete = vi.fn();
    const store = connect(`${url}/sse`, {
      transport: 'eventsource',
      EventSource: EventSource,
      clock,
      onComplete,
      onMessage: (event) => event.data === 'b' && dropNow.resolve(),
    });
    await vi.waitFor(() => expect(clock.pendingCount).toBe(1));
    clock.runAll();
    await vi.waitFor(() => expect(onComplete).toHaveBeenCalled());
    expect(server?.requests[1]?.url).toBe('/sse?lastEventId=2');
    expect(store.getSnapshot().message).toBe('a b c d');
  });

  it('keeps the open connection when reconnected right after a release (StrictMode replay)', async () => {
    const url = await serve((_req, res) =>
      sendEventStream(res, async function* ({ signal }) {
        yield { data: 'live' };
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      }),
    );
    let opened = 0;
    class CountingEventSource extends EventSource {
      constructor(...args: ConstructorParameters<typeof EventSource>) {
        super(...args);
        opened++;
      }
    }
    stream = createEventStream(`${url}/sse`, {
      transport: 'eventsource',
      EventSource: CountingEventSource,
    });
    stream.connect()();
    const release = stream.connect();
    await vi.waitFor(() => expect(stream?.getSnapshot().message).toBe('live'));
    expect(opened).toBe(1);
    release();
    await Promise.resolve();
    stream.connect();
    expect(opened).toBe(2);
  });
});
