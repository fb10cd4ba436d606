// @vitest-environment jsdom
// The hooks in a DOM, over real fetch, against a real server built with @herald/stream/server.
import { sendEventStream, sendTextStream, type StreamContext } from '@herald/stream/server';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useEventStream, useJsonStream, useStream, type StreamOptions } from '../src/index';
import { deferred, ManualClock, startServer, type TestServer } from './helpers/server';

let server: TestServer;

afterEach(async () => {
  await server?.close();
});

function Chat({
  url,
  options = {},
  label = 'chat',
}: {
  url: string;
  options?: StreamOptions;
  label?: string;
}) {
  const { data, isFetching, isStreaming, send, cancel } = useStream(url, options);
  return (
    <div>
      <output data-testid={label}>{data}</output>
      <span data-testid={`${label}-state`}>
        {isFetching ? 'fetching' : isStreaming ? 'streaming' : 'idle'}
      </span>
      <button onClick={() => send({ message: 'hi' })}>send {label}</button>
      <button onClick={cancel}>cancel {label}</button>
    </div>
  );
}

function hanging(first: string) {
  const stopped = deferred();
  return {
    stopped: stopped.promise,
    async *producer({ signal }: StreamContext) {
      try {
        yield first;
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      } finally {
        stopped.resolve();
      }
    },
  };
}

describe('useStream', () => {
  it('renders text streamed in chunks that split multi-byte characters', async () => {
    const bytes = Buffer.from('Grüße 😀');
    server = await startServer((_req, res) =>
      sendTextStream(
        res,
        [...bytes].map((b) => Uint8Array.of(b)),
      ),
    );
    render(<Chat url={`${server.url}/chat`} />);
    fireEvent.click(screen.getByText('send chat'));
    await waitFor(() => expect(screen.getByTestId('chat').textContent).toBe('Grüße 😀'));
    await waitFor(() => expect(screen.getByTestId('chat-state').textContent).toBe('idle'));
    expect(server.requests[0]?.body).toBe('{"message":"hi"}');
  });

  it('gives onError a StreamError: network when unreachable, connection_lost when cut off', async () => {
    const unreachable = await startServer((_req, res) => res.end());
    await unreachable.close();
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const onError = vi.fn();
    const { unmount } = render(<Chat url={`${unreachable.url}/chat`} options={{ onError }} />);
    fireEvent.click(screen.getByText('send chat'));
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    unmount();
    render(<Chat url={`${server.url}/chat`} options={{ id: 'cut', onError }} />);
    fireEvent.click(screen.getByText('send chat'));
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(2));
    expect(
      onError.mock.calls.map(([error]) => [
        (error as Error).name,
        (error as { code: string }).code,
      ]),
    ).toEqual([
      ['StreamError', 'network'],
      ['StreamError', 'connection_lost'],
    ]);
  });

  it('shares one request between two components with the same id', async () => {
    server = await startServer((_req, res) => sendTextStream(res, ['shared']));
    const options = { id: 'room-1', initialInput: { n: 1 } };
    render(
      <>
        <Chat url={`${server.url}/chat`} options={options} label="a" />
        <Chat url={`${server.url}/chat`} options={options} label="b" />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('b').textContent).toBe('shared'));
    expect(screen.getByTestId('a').textContent).toBe('shared');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['x-stream-id']).toBe('room-1');
  });

  it('makes one request under StrictMode and aborts it on unmount', async () => {
    const { producer, stopped } = hanging('x');
    server = await startServer((_req, res) => sendTextStream(res, producer));
    const view = render(
      <StrictMode>
        <Chat url={`${server.url}/chat`} options={{ initialInput: {} }} />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('chat').textContent).toBe('x'));
    expect(server.requests).toHaveLength(1);
    view.unmount();
    await stopped;
  });

  it('cancels with onCancel once and sends to the current URL with the current callbacks', async () => {
    const { producer } = hanging('first');
    server = await startServer((req, res) =>
      sendTextStream(res, req.url === '/slow' ? producer : [req.url ?? '']),
    );
    const firstOnCancel = vi.fn();
    const onCancel = vi.fn();
    const view = render(<Chat url={`${server.url}/slow`} options={{ onCancel: firstOnCancel }} />);
    view.rerender(<Chat url={`${server.url}/slow`} options={{ onCancel }} />);
    fireEvent.click(screen.getByText('cancel chat'));
    expect(onCancel).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('send chat'));
    await waitFor(() => expect(screen.getByTestId('chat').textContent).toBe('first'));
    fireEvent.click(screen.getByText('cancel chat'));
    fireEvent.click(screen.getByText('cancel chat'));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(firstOnCancel).not.toHaveBeenCalled();
    view.rerender(<Chat url={`${server.url}/fast`} options={{ onCancel }} />);
    fireEvent.click(screen.getByText('send chat'));
    await waitFor(() => expect(screen.getByTestId('chat').textContent).toBe('/fast'));
  });

  it('reads the CSRF token from the meta tag when sending', async () => {
    server = await startServer((_req, res) => sendTextStream(res, ['ok']));
    const meta = document.createElement('meta');
    meta.name = 'csrf-token';
    meta.content = 'from-meta';
    document.head.append(meta);
    render(<Chat url={`${server.url}/chat`} />);
    fireEvent.click(screen.getByText('send chat'));
    await waitFor(() => expect(screen.getByTestId('chat').textContent).toBe('ok'));
    expect(server.requests[0]?.headers['x-csrf-token']).toBe('from-meta');
    meta.remove();
  });
});

describe('useJsonStream', () => {
  it('parses the response when it ends', async () => {
    server = await startServer((_req, res) =>
      sendTextStream(res, ['{"users":[{"na', 'me":"Zoë"}]}']),
    );
    function Users({ url }: { url: string }) {
      const { data, strData } = useJsonStream<{ users: { name: string }[] }>(url, {
        initialInput: {},
      });
      return (
        <p data-testid="users">
          {data ? data.users.map((u) => u.name).join(',') : `raw:${strData}`}
        </p>
      );
    }
    render(<Users url={`${server.url}/users`} />);
    await waitFor(() => expect(screen.getByTestId('users').textContent).toBe('Zoë'));
  });
});

describe('useEventStream', () => {
  it('resumes with Last-Event-ID after the connection drops', async () => {
    const dropNow = deferred();
    server = await startServer((_req, res) =>
      sendEventStream(res, async function* ({ lastEventId, signal }) {
        if (lastEventId === '2') return yield { id: 3, data: 'three' };
        yield { id: 1, data: 'one' };
        yield { id: 2, data: 'two' };
        await dropNow.promise;
        res.socket?.destroy();
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      }),
    );
    const clock = new ManualClock();
    const onComplete = vi.fn();
    function Progress({ url }: { url: string }) {
      const { message, messageParts } = useEventStream(url, {
        clock,
        retry: { jitter: false },
        onComplete,
        onMessage: (event) => event.data === 'two' && dropNow.resolve(),
      });
      return <p data-testid="progress">{`${message}|${messageParts.length}`}</p>;
    }
    render(<Progress url={`${server.url}/progress`} />);
    await waitFor(() => expect(clock.pendingCount).toBe(1));
    expect(screen.getByTestId('progress').textContent).toBe('one two|2');
    act(() => clock.runAll());
    await waitFor(() => expect(onComplete).toHaveBeenCalled());
    expect(screen.getByTestId('progress').textContent).toBe('one two three|3');
    expect(server.requests[1]?.headers['last-event-id']).toBe('2');
    expect(clock.delays).toEqual([1000]);
  });

  it('keeps one live connection under StrictMode and closes it on unmount', async () => {
    const { producer, stopped } = hanging('unused');
    server = await startServer((_req, res) =>
      sendEventStream(res, async function* (context) {
        for await (const _ of producer(context)) yield { data: 'live' };
      }),
    );
    function Feed({ url }: { url: string }) {
      return <p data-testid="feed">{useEventStream(url).message}</p>;
    }
    const view = render(
      <StrictMode>
        <Feed url={`${server.url}/live`} />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('feed').textContent).toBe('live'));
    expect(server.requests).toHaveLength(1);
    view.unmount();
    await stopped;
  });

  it('reconnects from scratch when the URL changes and closes on unmount', async () => {
    const { producer, stopped } = hanging('unused');
    server = await startServer((req, res) =>
      sendEventStream(
        res,
        req.url === '/a'
          ? [{ data: 'from a' }]
          : async function* (context) {
              for await (const _ of producer(context)) yield { data: 'from b' };
            },
      ),
    );
    function Feed({ url }: { url: string }) {
      return <p data-testid="feed">{useEventStream(url).message}</p>;
    }
    const view = render(<Feed url={`${server.url}/a`} />);
    await waitFor(() => expect(screen.getByTestId('feed').textContent).toBe('from a'));
    view.rerender(<Feed url={`${server.url}/b`} />);
    await waitFor(() => expect(screen.getByTestId('feed').textContent).toBe('from b'));
    view.unmount();
    await stopped;
  });
});
