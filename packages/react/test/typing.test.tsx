// @vitest-environment jsdom
// useTyping and useWhisper between two echoes on a real Herald server.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EchoProvider, useTyping, useWhisper } from '../src/index';
import { echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

function Composer({ who }: { who: string }) {
  const { typing, isTyping, start, stop } = useTyping<{ name: string }>('chat', { idleMs: 500 });
  return (
    <div>
      <input aria-label={`${who} input`} onInput={start} />
      <button onClick={stop}>{who} send</button>
      <p data-testid={`${who} sees`}>{typing.map((m) => m.info.name).join(',')}</p>
      <p data-testid={`${who} typing`}>{String(isTyping)}</p>
    </div>
  );
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe('useTyping', () => {
  it('shows the other member typing, and clears it on stop and after silence', async () => {
    const alice = echoFor('alice');
    const bob = echoFor('bob');
    render(
      <>
        <EchoProvider echo={alice}>
          <Composer who="alice" />
        </EchoProvider>
        <EchoProvider echo={bob}>
          <Composer who="bob" />
        </EchoProvider>
      </>,
    );
    // The typer is identified by its member entry, known once its subscription succeeded.
    await until(
      () => [alice, bob].every((e) => e.pusher.channel('presence-chat')?.subscribed),
      'both joined',
    );
    fireEvent.input(screen.getByLabelText('alice input'), { target: { value: 'h' } });
    expect(text('alice typing')).toBe('true');
    await waitFor(() => expect(text('bob sees')).toBe('user alice'));
    expect(text('alice sees')).toBe('');
    act(() => screen.getByText('alice send').click());
    await waitFor(() => expect(text('bob sees')).toBe(''));
    fireEvent.input(screen.getByLabelText('alice input'), { target: { value: 'hi' } });
    await waitFor(() => expect(text('bob sees')).toBe('user alice'));
    // idleMs of silence: alice stops by herself.
    await waitFor(() => expect(text('alice typing')).toBe('false'), { timeout: 3000 });
    await waitFor(() => expect(text('bob sees')).toBe(''));
  });
});

describe('useWhisper', () => {
  it('delivers a whisper to the other client and not to the sender', async () => {
    const got: Record<string, number[]> = { alice: [], bob: [] };
    function Cursor({ who }: { who: string }) {
      const { whisper } = useWhisper<{ x: number }>('board', 'cursor', (p) => got[who]!.push(p.x));
      return <button onClick={() => whisper({ x: 42 })}>{who} move</button>;
    }
    render(
      <>
        <EchoProvider echo={echoFor('alice')}>
          <Cursor who="alice" />
        </EchoProvider>
        <EchoProvider echo={echoFor('bob')}>
          <Cursor who="bob" />
        </EchoProvider>
      </>,
    );
    await until(() => servers.herald.subscribeCount('private-board') === 2, 'both subscribed');
    act(() => screen.getByText('alice move').click());
    await until(() => got.bob!.length === 1, 'bob receives');
    expect(got).toEqual({ alice: [], bob: [42] });
  });
});
