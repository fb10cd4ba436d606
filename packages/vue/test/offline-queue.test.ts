// @vitest-environment jsdom
// useOfflineQueue: whispers sent while down are counted, then sent (and uncounted) on reconnect.
import type { HeraldEcho } from '@herald/echo';
import { fireEvent, render, screen, waitFor } from '@testing-library/vue';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, type PropType } from 'vue';
import { provideEcho, useOfflineQueue, useWhisper } from '../src/index';
import { echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

/** Renders its slot with `echo` provided, so one page can hold two users' echoes. */
const WithEcho = defineComponent({
  props: { echo: { type: Object as PropType<HeraldEcho>, required: true } },
  setup(props, { slots }) {
    provideEcho(props.echo);
    return () => slots.default?.();
  },
});

const Outbox = defineComponent({
  setup() {
    const { size } = useOfflineQueue();
    const { whisper } = useWhisper<{ text: string }>('dm', 'note');
    return () =>
      h('div', [
        h('p', { 'data-testid': 'waiting' }, String(size.value)),
        h('button', { onClick: () => whisper({ text: 'hi' }) }, 'whisper'),
      ]);
  },
});

describe('useOfflineQueue', () => {
  it('reads 0, counts a whisper queued while disconnected, and reads 0 once it was sent', async () => {
    const got: string[] = [];
    const Reader = defineComponent({
      setup() {
        useWhisper<{ text: string }>('dm', 'note', (p) => got.push(p.text));
        return () => null;
      },
    });
    const alice = echoFor('alice');
    const bob = echoFor('bob');
    const Page = defineComponent({
      setup: () => () =>
        h('div', [
          h(WithEcho, { echo: alice }, () => h(Outbox)),
          h(WithEcho, { echo: bob }, () => h(Reader)),
        ]),
    });
    render(Page);
    const waiting = () => screen.getByTestId('waiting').textContent;
    await until(() => servers.herald.subscribeCount('private-dm') === 2, 'both subscribed');
    expect(waiting()).toBe('0');

    alice.disconnect();
    await until(() => alice.status.getSnapshot().state === 'disconnected', 'alice disconnected');
    await fireEvent.click(screen.getByText('whisper'));
    await waitFor(() => expect(waiting()).toBe('1'));
    expect(got).toEqual([]);

    alice.connect();
    await waitFor(() => expect(waiting()).toBe('0'));
    await until(() => got.length === 1, 'bob receives the queued whisper');
    expect(got).toEqual(['hi']);
  });
});
