// @vitest-environment jsdom
// useRecovery against a real Herald server: reports the resume after a reconnect, and a lost gap after a restart.
import { render } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import type { RecoveryOutcome } from '@herald/echo';
import { EchoProvider, useRecovery } from '../src/index';
import { echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

function Resumer({ onRecovery }: { onRecovery: (outcome: RecoveryOutcome) => void }) {
  useRecovery('orders.1', onRecovery, 'public');
  return null;
}

describe('useRecovery', () => {
  it('under StrictMode reports each resume once: recovered after a reconnect, not after a restart', async () => {
    const herald = echoFor('alice');
    const outcomes: RecoveryOutcome[] = [];
    const view = render(
      <StrictMode>
        <EchoProvider echo={herald}>
          <Resumer onRecovery={(outcome) => outcomes.push(outcome)} />
        </EchoProvider>
      </StrictMode>,
    );
    await until(() => herald.recovery?.serialOf('orders.1') !== undefined, 'first subscription');
    expect(servers.herald.subscribeCount('orders.1')).toBe(1);

    herald.disconnect();
    await until(() => herald.status.getSnapshot().state === 'disconnected', 'disconnected');
    await servers.herald.trigger('orders.1', 'order.updated', { n: 1 });
    herald.connect();
    await until(() => outcomes.length === 1, 'the resume');
    expect(outcomes).toEqual([{ recovered: true, missed: 1 }]);

    // A restarted server has lost its history: the page must refetch.
    await servers.herald.stop();
    await until(() => herald.status.getSnapshot().state !== 'connected', 'connection down');
    await servers.herald.start();
    await until(() => outcomes.length === 2, 'the resume after a restart');
    expect(outcomes[1]).toEqual({ recovered: false, missed: 0, reason: 'unknown' });

    // Disconnect and restart each ended a subscription; unmounting ends the third.
    view.unmount();
    await until(() => servers.herald.unsubscribeCount('orders.1') === 3, 'channel left');
  });
});
