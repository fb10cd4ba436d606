// @vitest-environment jsdom
// usePresence against a real Herald server: the roster follows joins, leaves and a server restart.
import { render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { EchoProvider, usePresence } from '../src/index';
import { barrier, echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

function Roster() {
  const { members, me, count, isSynced } = usePresence<{ name: string }>('room');
  const names = [...members.values()].map((m) => m.info.name).sort();
  return (
    <p data-testid="roster">{`${count}|${me?.id ?? '-'}|${String(isSynced)}|${names.join(',')}`}</p>
  );
}

const roster = () => screen.getByTestId('roster').textContent;

describe('usePresence', () => {
  it('renders the empty roster, then the synced one with me', async () => {
    render(
      <EchoProvider echo={echoFor('alice')}>
        <Roster />
      </EchoProvider>,
    );
    expect(roster()).toBe('0|-|false|');
    await waitFor(() => expect(roster()).toBe('1|alice|true|user alice'));
  });

  it('follows members joining and leaving', async () => {
    render(
      <EchoProvider echo={echoFor('alice')}>
        <Roster />
      </EchoProvider>,
    );
    await waitFor(() => expect(roster()).toBe('1|alice|true|user alice'));
    const bob = echoFor('bob');
    const bobRoom = bob.channels.acquire('room', 'presence');
    await waitFor(() => expect(roster()).toBe('2|alice|true|user alice,user bob'));
    bobRoom.release();
    await waitFor(() => expect(roster()).toBe('1|alice|true|user alice'));
  });

  it('keeps the last roster while reconnecting and reconciles it after the server restarts', async () => {
    render(
      <EchoProvider echo={echoFor('alice')}>
        <Roster />
      </EchoProvider>,
    );
    const bob = echoFor('bob');
    bob.channels.acquire('room', 'presence');
    await waitFor(() => expect(roster()).toBe('2|alice|true|user alice,user bob'));
    await servers.herald.stop();
    bob.disconnect();
    await waitFor(() => expect(roster()).toBe('2|alice|false|user alice,user bob'));
    await servers.herald.start();
    echoFor('carol').channels.acquire('room', 'presence');
    await waitFor(() => expect(roster()).toBe('2|alice|true|user alice,user carol'), {
      timeout: 8000,
    });
  });

  it('two rosters of one channel share one subscription', async () => {
    render(
      <EchoProvider echo={echoFor('alice')}>
        <Roster />
        <Roster />
      </EchoProvider>,
    );
    await until(() => servers.herald.subscribeCount('presence-room') === 1, 'joined');
    await waitFor(() =>
      expect(screen.getAllByTestId('roster').map((e) => e.textContent)).toEqual([
        '1|alice|true|user alice',
        '1|alice|true|user alice',
      ]),
    );
    expect(servers.auth.authRequests('presence-room')).toBe(1);
  });

  it('StrictMode joins once: one subscribe, one auth request, no leave', async () => {
    const alice = echoFor('alice');
    render(
      <StrictMode>
        <EchoProvider echo={alice}>
          <Roster />
        </EchoProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(roster()).toBe('1|alice|true|user alice'));
    await barrier(alice);
    expect(servers.herald.subscribeCount('presence-room')).toBe(1);
    expect(servers.herald.unsubscribeCount('presence-room')).toBe(0);
    expect(servers.auth.authRequests('presence-room')).toBe(1);
  });
});
