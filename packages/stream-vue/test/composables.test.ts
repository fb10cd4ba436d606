// @vitest-environment jsdom
// The composables in a DOM, over real fetch, against a real server built with @herald/stream/server.
import { sendEventStream, sendTextStream, type StreamContext } from '@herald/stream/server';
import { fireEvent, render, screen, waitFor } from '@testing-library/vue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref, type PropType } from 'vue';
import { useEventStream, useJsonStream, useStream, type StreamOptions } from '../src/index';
import { deferred, ManualClock, startServer, type TestServer } from './helpers/server';

let server: TestServer;

afterEach(async () => {
  await server?.close();
});

const Chat = defineComponent({
  props: {
    url: { type: String, required: true },
    options: { type: Object as PropType<StreamOptions>, default: () => ({}) },
    label: { type: String, default: 'chat' },
  },
  setup(props) {
    const { data, isFetching, isStreaming, send, cancel } = useStream(
      () => props.url,
      props.options,
    );
    return () =>
      h('div', [
        h('output', { 'data-testid': props.label }, data.value),
        h(
          'span',
          { 'data-testid': `${props.label}-state` },
          isFetching.value ? 'fetching' : isStreaming.value ? 'streaming' : 'idle',
        ),
        h('button', { onClick: () => send({ message: 'hi' }) }, `send ${props.label}`),
        h('button', { onClick: cancel }, `cancel ${props.label}`),
      ]);
  },
});

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
    render(Chat, { props: { url: `${server.url}/chat` } });
    await fireEvent.click(screen.getByText('send chat'));
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
    const { unmount } = render(Chat, {
      props: { url: `${unreachable.url}/chat`, options: { onError } },
    });
    await fireEvent.click(screen.getByText('send chat'));
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    unmount();
    render(Chat, { props: { url: `${server.url}/chat`, options: { id: 'cut', onError } } });
    await fireEvent.click(screen.getByText('send chat'));
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
    const options = { id: 'room-vue', initialInput: { n: 1 } };
    const url = `${server.url}/chat`;
    render(
      defineComponent({
        setup: () => () => [
          h(Chat, { url, options, label: 'a' }),
          h(Chat, { url, options, label: 'b' }),
        ],
      }),
    );
    await waitFor(() => expect(screen.getByTestId('b').textContent).toBe('shared'));
    expect(screen.getByTestId('a').textContent).toBe('shared');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['x-stream-id']).toBe('room-vue');
  });

  it('aborts the request when the component unmounts', async () => {
    const { producer, stopped } = hanging('x');
    server = await startServer((_req, res) => sendTextStream(res, producer));
    const view = render(Chat, {
      props: { url: `${server.url}/chat`, options: { initialInput: {} } },
    });
    await waitFor(() => expect(screen.getByTestId('chat').textContent).toBe('x'));
    view.unmount();
    await stopped;
  });

  it('cancels with onCancel once and sends to the current URL', async () => {
    const { producer } = hanging('first');
    server = await startServer((req, res) =>
      sendTextStream(res, req.url === '/slow' ? producer : [req.url ?? '']),
    );
    const onCancel = vi.fn();
    const view = render(Chat, { props: { url: `${server.url}/slow`, options: { onCancel } } });
    await fireEvent.click(screen.getByText('cancel chat'));
    expect(onCancel).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByText('send chat'));
    await waitFor(() => expect(screen.getByTestId('chat').textContent).toBe('first'));
    await fireEvent.click(screen.getByText('cancel chat'));
    await fireEvent.click(screen.getByText('cancel chat'));
    expect(onCancel).toHaveBeenCalledTimes(1);
    await view.rerender({ url: `${server.url}/fast` });
    await fireEvent.click(screen.getByText('send chat'));
    await waitFor(() => expect(screen.getByTestId('chat').textContent).toBe('/fast'));
  });
});

describe('useJsonStream', () => {
  it('parses the response when it ends', async () => {
    server = await startServer((_req, res) =>
      sendTextStream(res, ['{"users":[{"na', 'me":"Zoë"}]}']),
    );
    const url = `${server.url}/users`;
    render(
      defineComponent({
        setup() {
          const { data, strData } = useJsonStream<{ users: { name: string }[] }>(url, {
            initialInput: {},
          });
          return () =>
            h(
              'p',
              { 'data-testid': 'users' },
              data.value ? data.value.users.map((u) => u.name).join(',') : `raw:${strData.value}`,
            );
        },
      }),
    );
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
    const url = `${server.url}/progress`;
    render(
      defineComponent({
        setup() {
          const { message, messageParts } = useEventStream(url, {
            clock,
            retry: { jitter: false },
            onComplete,
            onMessage: (event) => event.data === 'two' && dropNow.resolve(),
          });
          return () =>
            h('p', { 'data-testid': 'progress' }, `${message.value}|${messageParts.value.length}`);
        },
      }),
    );
    await waitFor(() => expect(clock.pendingCount).toBe(1));
    expect(screen.getByTestId('progress').textContent).toBe('one two|2');
    clock.runAll();
    await waitFor(() => expect(onComplete).toHaveBeenCalled());
    await waitFor(() => expect(screen.getByTestId('progress').textContent).toBe('one two three|3'));
    expect(server.requests[1]?.headers['last-event-id']).toBe('2');
    expect(clock.delays).toEqual([1000]);
  });

  it('reconnects from scratch when the URL ref changes and closes on unmount', async () => {
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
    const url = ref(`${server.url}/a`);
    const view = render(
      defineComponent({
        setup() {
          const { message } = useEventStream(url);
          return () => h('p', { 'data-testid': 'feed' }, message.value);
        },
      }),
    );
    await waitFor(() => expect(screen.getByTestId('feed').textContent).toBe('from a'));
    url.value = `${server.url}/b`;
    await waitFor(() => expect(screen.getByTestId('feed').textContent).toBe('from b'));
    view.unmount();
    await stopped;
  });
});
