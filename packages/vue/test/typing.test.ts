// @vitest-environment jsdom
// useTyping and useWhisper between two echoes on a real Herald server.
import { fireEvent, render, screen, waitFor } from '@testing-library/vue';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { provideEcho, useTyping, useWhisper } from '../src/index';
import { echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

const Composer = defineComponent({
  props: { who: { type: String, required: true } },
  setup(props) {
    const { typing, isTyping, start, stop } = useTyping<{ name: string }>('chat', { idleMs: 500 });
    return () =>
      h('div', [
        h('input', { 'aria-label': `${props.who} input`, onInput: start }),
        h('button', { onClick: stop }, `${props.who} send`),
        h(
          'p',
          { 'data-testid': `${props.who} sees` },
          typing.value.map((m) => m.info.name).join(','),
        ),
        h('p', { 'data-testid': `${props.who} typing` }, String(isTyping.value)),
      ]);
  },
});

/** Gives its slot its own echo, so two users share one DOM. */
const As = defineComponent({
  props: { echo: { type: Object, required: true } },
  setup(props, { slots }) {
    provideEcho(props.echo as ReturnType<typeof echoFor>);
    return () => slots.default?.();
  },
});

const text = (id: string) => screen.getByTestId(id).textContent;

describe('useTyping', () => {
  it('shows the other member typing, and clears it on stop and after silence', async () => {
    const alice = echoFor('alice');
    const bob = echoFor('bob');
    const Page = defineComponent({
      setup: () => () =>
        h('div', [
          h(As, { echo: alice }, () => h(Composer, { who: 'alice' })),
          h(As, { echo: bob }, () => h(Composer, { who: 'bob' })),
        ]),
    });
    render(Page);
    // The typer is identified by its member entry, known once its subscription succeeded.
    await until(
      () => [alice, bob].every((e) => e.pusher.channel('presence-chat')?.subscribed),
      'both joined',
    );
    await fireEvent.update(screen.getByLabelText('alice input'), 'h');
    expect(text('alice typing')).toBe('true');
    await waitFor(() => expect(text('bob sees')).toBe('user alice'));
    expect(text('alice sees')).toBe('');
    await fireEvent.click(screen.getByText('alice send'));
    await waitFor(() => expect(text('bob sees')).toBe(''));
    await fireEvent.update(screen.getByLabelText('alice input'), 'hi');
    await waitFor(() => expect(text('bob sees')).toBe('user alice'));
    await waitFor(() => expect(text('alice typing')).toBe('false'), { timeout: 3000 });
    await waitFor(() => expect(text('bob sees')).toBe(''));
  });
});

describe('useWhisper', () => {
  it('delivers a whisper to the other client and not to the sender', async () => {
    const got: Record<string, number[]> = { alice: [], bob: [] };
    const Cursor = defineComponent({
      props: { who: { type: String, required: true } },
      setup(props) {
        const { whisper } = useWhisper<{ x: number }>('board', 'cursor', (p) =>
          got[props.who]!.push(p.x),
        );
        return () => h('button', { onClick: () => whisper({ x: 42 }) }, `${props.who} move`);
      },
    });
    const Page = defineComponent({
      setup: () => () =>
        h('div', [
          h(As, { echo: echoFor('alice') }, () => h(Cursor, { who: 'alice' })),
          h(As, { echo: echoFor('bob') }, () => h(Cursor, { who: 'bob' })),
        ]),
    });
    render(Page);
    await until(() => servers.herald.subscribeCount('private-board') === 2, 'both subscribed');
    await fireEvent.click(screen.getByText('alice move'));
    await until(() => got.bob!.length === 1, 'bob receives');
    expect(got).toEqual({ alice: [], bob: [42] });
  });
});
