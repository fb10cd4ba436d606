// @vitest-environment jsdom
// useOfflineQueue: whispers sent while down are counted, then sent (and uncounted) on reconnect.
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EchoProvider, useOfflineQueue, useWhisper } from '../src/index';
import { echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

function Outbox({ who }: { who: string }) {
  const { size } = useOfflineQueue();
  const { whisper } = useWhisper<{ text: string }>('dm', 'note');
  return (
    <div>
      <p data-testid={`${who} waiting`}>{size}</p>
      <button onClick={() => whisper({ text: 'hi' })}>{who} whisper</button>
    </div>
  );
}

describe('useOfflineQueue', () => {
  it('reads 0, counts a whisper queued while disconnected, and reads 0 once it was sent', async () => {
    const got: string[] = [];
    function Reader() {
      useWhisper<{ text: string }>('dm', 'note', (p) => got.push(p.text));
      return null;
    }
    const alice = echoFor('alice');
    render(
      <>
        <EchoProvider echo={alice}>
          <Outbox who="alice" />
        </EchoProvider>
        <EchoProvider echo={echoFor('bob')}>
          <Reader />
        </EchoProvider>
      </>,
    );
    await until(() => servers.herald.subscribeCount('private-dm') === 2, 'both subscribed');
    expect(screen.getByTestId('alice waiting').textContent).toBe('0');

    alice.disconnect();
    await until(() => alice.status.getSnapshot().state === 'disconnected', 'alice disconnected');
    act(() => screen.getByText('alice whisper').click());
    await waitFor(() => expect(screen.getByTestId('alice waiting').textContent).toBe('1'));
    expect(got).toEqual([]);

    alice.connect();
    await waitFor(() => expect(screen.getByTestId('alice waiting').textContent).toBe('0'));
    await until(() => got.length === 1, 'bob receives the queued whisper');
    expect(got).toEqual(['hi']);
  });
});
