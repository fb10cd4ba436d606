// @vitest-environment jsdom
// usePresence against a real Herald server: the roster follows joins, leaves and a server restart.
import type { HeraldEcho } from '@herald/echo';
import { render, screen, waitFor } from '@testing-library/vue';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createEchoPlugin, usePresence } from '../src/index';
import { echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

const Roster = defineComponent({
  setup() {
    const { members, me, count, isSynced } = usePresence<{ name: string }>('room');
    return () => {
      const names = [...members.value.values()].map((m) => m.info.name).sort();
      return h(
        'p',
        { 'data-testid': 'roster' },
        `${count.value}|${me.value?.id ?? '-'}|${String(isSynced.value)}|${names.join(',')}`,
      );
    };
  },
});

const withEcho = (echo: HeraldEcho) => ({ global: { plugins: [createEchoPlugin(echo)] } });
const roster = () => screen.getByTestId('roster').textContent;

describe('usePresence', () => {
  it('renders the empty roster, then the synced one with me', async () => {
    render(Roster, withEcho(echoFor('alice')));
    expect(roster()).toBe('0|-|false|');
    await waitFor(() => expect(roster()).toBe('1|alice|true|user alice'));
  });

  it('follows members joining and leaving', async () => {
    render(Roster, withEcho(echoFor('alice')));
    await waitFor(() => expect(roster()).toBe('1|alice|true|user alice'));
    const bobRoom = echoFor('bob').channels.acquire('room', 'presence');
    await waitFor(() => expect(roster()).toBe('2|alice|true|user alice,user bob'));
    bobRoom.release();
    await waitFor(() => expect(roster()).toBe('1|alice|true|user alice'));
  });

  it('keeps the last roster while reconnecting and reconciles it after the server restarts', async () => {
    render(Roster, withEcho(echoFor('alice')));
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
    const Two = defineComponent({ setup: () => () => h('div', [h(Roster), h(Roster)]) });
    render(Two, withEcho(echoFor('alice')));
    await until(() => servers.herald.subscribeCount('presence-room') === 1, 'joined');
    await waitFor(() =>
      expect(screen.getAllByTestId('roster').map((e) => e.textContent)).toEqual([
        '1|alice|true|user alice',
        '1|alice|true|user alice',
      ]),
    );
    expect(servers.auth.authRequests('presence-room')).toBe(1);
  });
});
