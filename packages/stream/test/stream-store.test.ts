// StreamObserver and StreamStore against a real server built with sendTextStream.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type StreamError } from '../src/errors';
import { createStreamObserver, type StreamObserver } from '../src/store/stream-observer';
import { sendTextStream } from '../src/server';
import { deferred, startServer, type Handler, type TestServer } from './helpers/server';

let server: TestServer | undefined;
const unmounts: (() => void)[] = [];

afterEach(async () => {
  for (const unmount of unmounts.splice(0)) unmount();
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler): Promise<string> {
  server = await startServer(handler);
  return server.url;
}

function mounted<O extends Pick<StreamObserver, 'mount'>>(observer: O): O {
  unmounts.push(observer.mount());
  return observer;
}

describe('StreamObserver over a real server', () => {
  it('decodes a multi-byte character split across network chunks', async () => {
    const gate = deferred();
    const euro = Buffer.from('€');
    const url = await serve((_req, res) =>
      sendTextStream(res, async function* () {
        yield Buffer.concat([Buffer.from('a'), euro.subarray(0, 2)]);
        await gate.promise;
        yield Buffer.concat([euro.subarray(2), Buffer.from('b')]);
      }),
    );
    const onData = vi.fn((chunk: string) => chunk === 'a' && gate.resolve());
    const onFinish = vi.fn();
    const observer = mounted(createStreamObserver(`${url}/chat`, { onData, onFinish }));
    observer.send({});
    await vi.waitFor(() => expect(onFinish).toHaveBeenCalled());
    expect(onData.mock.calls.map(([chunk]) => chunk)).toEqual(['a', '€b']);
    expect(observer.getSnapshot().data).toBe('a€b');
  });

  it('sends the JSON body, X-STREAM-ID, X-CSRF-TOKEN and extra headers', async () => {
    const url = await serve((_req, res) => sendTextStream(res, ['ok']));
    const observer = mounted(
      createStreamObserver(`${url}/chat`, {
        id: 'chat-1',
        csrfToken: 'tok',
        headers: { 'X-Extra': '1' },
      }),
    );
    observer.send({ message: 'hi' });
    await vi.waitFor(() => expect(observer.getSnapshot().data).toBe('ok'));
    const [request] = server?.requests ?? [];
    expect(request?.method).toBe('POST');
    expect(request?.body).toBe('{"message":"hi"}');
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-stream-id': 'chat-1',
      'x-csrf-token': 'tok',
      'x-extra': '1',
    });
  });

  it('stops the producer and fires onCancel once when a running stream is cancelled', async () => {
    const stopped = deferred();
    const url = await serve((_req, res) =>
      sendTextStream(res, async function* ({ signal }) {
        try {
          yield 'first';
          await new Promise((resolve) => signal.addEventListener('abort', resolve));
        } finally {
          stopped.resolve();
        }
      }),
    );
    const onCancel = vi.fn();
    const onFinish = vi.fn();
    const onError = vi.fn();
    const observer = mounted(createStreamObserver(`${url}/chat`, { onCancel, onFinish, onError }));
    observer.cancel();
    expect(onCancel).not.toHaveBeenCalled();
    observer.send({});
    await vi.waitFor(() => expect(observer.getSnapshot().data).toBe('first'));
    observer.cancel();
    observer.cancel();
    await stopped.promise;
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(observer.getSnapshot()).toMatchObject({
      isFetching: false,
      isStreaming: false,
      data: 'first',
    });
    expect(onFinish).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
  });

  it('reports a producer failing mid-stream as an error, then finishes', async () => {
    const url = await serve((_req, res) =>
      sendTextStream(res, async function* () {
        yield 'partial';
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('producer failed');
      }),
    );
    const onError = vi.fn();
    const onFinish = vi.fn();
    const observer = mounted(createStreamObserver(`${url}/chat`, { onError, onFinish }));
    observer.send({});
    await vi.waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    expect(onError).toHaveBeenCalledTimes(1);
    const error = onError.mock.calls[0]?.[0] as StreamError;
    expect([error.name, error.code]).toEqual(['StreamError', 'connection_lost']);
    expect(error.cause).toBeInstanceOf(Error);
    expect(observer.getSnapshot()).toMatchObject({ isStreaming: false, data: 'partial' });
  });

  it('reports a connection that cannot be made as a StreamError with code network', async () => {
    // A port that was just free: nothing listens there, so fetch itself fails.
    const closed = await startServer((_req, res) => res.end());
    const url = closed.url;
    await closed.close();
    const onError = vi.fn();
    const onFinish = vi.fn();
    const observer = mounted(createStreamObserver(`${url}/chat`, { onError, onFinish }));
    observer.send({});
    await vi.waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    const error = onError.mock.calls[0]?.[0] as StreamError;
    expect([error.name, error.code]).toEqual(['StreamError', 'network']);
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(observer.getSnapshot()).toMatchObject({ isFetching: false, isStreaming: false });
  });

  it('reports a non-2xx answer as a StreamError with its status and body', async () => {
    const url = await serve((_req, res) => res.writeHead(422).end('Message is required'));
    const onError = vi.fn();
    const observer = mounted(createStreamObserver(`${url}/chat`, { onError }));
    observer.send({});
    await vi.waitFor(() => expect(onError).toHaveBeenCalled());
    const error = onError.mock.calls[0]?.[0] as StreamError;
    expect([error.code, error.status, error.message]).toEqual([
      'http_status',
      422,
      'Message is required',
    ]);
  });

  it('parses JSON at the end, and reports invalid JSON', async () => {
    let body = '{"users":[{"id":1}]}';
    const url = await serve((_req, res) => sendTextStream(res, [body.slice(0, 5), body.slice(5)]));
    const onError = vi.fn();
    const observer = mounted(
      createStreamObserver<{ users: { id: number }[] }>(`${url}/u`, { json: true, onError }),
    );
    observer.send({});
    await vi.waitFor(() => expect(observer.getSnapshot().jsonData).toEqual({ users: [{ id: 1 }] }));
    body = '{"broken';
    observer.send({});
    await vi.waitFor(() =>
      expect((onError.mock.calls[0]?.[0] as StreamError).code).toBe('invalid_json'),
    );
    expect(observer.getSnapshot().jsonData).toBeNull();
  });

  it('sends with the current URL and calls the current callbacks', async () => {
    const url = await serve((req, res) => sendTextStream(res, [req.url ?? '']));
    const oldOnData = vi.fn();
    const newOnData = vi.fn();
    const observer = mounted(createStreamObserver(`${url}/old`, { onData: oldOnData }));
    observer.setOptions(`${url}/new`, { onData: newOnData });
    observer.send({});
    await vi.waitFor(() => expect(newOnData).toHaveBeenCalledWith('/new'));
    expect(oldOnData).not.toHaveBeenCalled();
  });

  it('fires onCancel when a new send supersedes a running stream', async () => {
    const url = await serve((_req, res) =>
      sendTextStream(res, async function* ({ signal }) {
        yield 'x';
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      }),
    );
    const onCancel = vi.fn();
    const observer = mounted(createStreamObserver(`${url}/chat`, { onCancel }));
    observer.send({});
    await vi.waitFor(() => expect(observer.getSnapshot().isStreaming).toBe(true));
    observer.send({});
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('skips the request when onBeforeSend returns false and uses the init it returns', async () => {
    const url = await serve((_req, res) => sendTextStream(res, ['ok']));
    let allow = false;
    const observer = mounted(
      createStreamObserver(`${url}/chat`, {
        onBeforeSend: (init) =>
          allow && { ...init, headers: { ...(init.headers as object), 'X-Changed': 'yes' } },
      }),
    );
    observer.send({});
    expect(observer.getSnapshot().isFetching).toBe(false);
    allow = true;
    observer.send({});
    await vi.waitFor(() => expect(observer.getSnapshot().data).toBe('ok'));
    expect(server?.requests).toHaveLength(1);
    expect(server?.requests[0]?.headers['x-changed']).toBe('yes');
  });
});

describe('streams shared by id', () => {
  it('makes one request for two observers with the same id and initialInput', async () => {
    const url = await serve((_req, res) => sendTextStream(res, ['shared']));
    const first = mounted(
      createStreamObserver(`${url}/chat`, { id: 'shared', initialInput: { n: 1 } }),
    );
    const second = mounted(
      createStreamObserver(`${url}/chat`, { id: 'shared', initialInput: { n: 1 } }),
    );
    await vi.waitFor(() => expect(second.getSnapshot().data).toBe('shared'));
    expect(first.getSnapshot()).toBe(second.getSnapshot());
    expect(server?.requests).toHaveLength(1);
  });

  it('survives unmount-remount without a second request, and aborts when the last one leaves', async () => {
    const stopped = deferred();
    const url = await serve((_req, res) =>
      sendTextStream(res, async function* ({ signal }) {
        try {
          yield 'x';
          await new Promise((resolve) => signal.addEventListener('abort', resolve));
        } finally {
          stopped.resolve();
        }
      }),
    );
    const observer = createStreamObserver(`${url}/chat`, { id: 'strict', initialInput: {} });
    observer.mount()();
    const unmount = observer.mount();
    await vi.waitFor(() => expect(observer.getSnapshot().data).toBe('x'));
    expect(server?.requests).toHaveLength(1);
    unmount();
    await stopped.promise;
    expect(observer.getSnapshot().isStreaming).toBe(false);
  });
});
