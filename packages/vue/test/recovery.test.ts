// @vitest-environment jsdom
// useRecovery against a real Herald server: reports the resume after a reconnect, and a lost gap after a restart.
import type { HeraldEcho, RecoveryOutcome } from '@herald/echo';
import { render } from '@testing-library/vue';
import { describe, expect, it } from 'vitest';
import { defineComponent, type PropType } from 'vue';
import { createEchoPlugin, useRecovery } from '../src/index';
import { echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

const Resumer = defineComponent({
  props: {
    onRecovery: { type: Function as PropType<(outcome: RecoveryOutcome) => void>, required: true },
  },
  setup(props) {
    useRecovery('orders.1', (outcome) => props.onRecovery(outcome), 'public');
    return () => null;
  },
});

const withEcho = (echo: HeraldEcho) => ({ global: { plugins: [createEchoPlugin(echo)] } });

describe('useRecovery', () => {
  it('reports recovered after a reconnect, not after a restart, and stops on unmount', async () => {
    const herald = echoFor('alice');
    const outcomes: RecoveryOutcome[] = [];
    const view = render(Resumer, {
      props: { onRecovery: (outcome: RecoveryOutcome) => outcomes.push(outcome) },
      ...withEcho(herald),
    });
    await until(() => herald.recovery?.serialOf('orders.1') !== undefined, 'first subscription');

    herald.disconnect();
    await until(() => herald.status.getSnapshot().state === 'disconnected', 'disconnected');
    await servers.herald.trigger('orders.1', 'order.updated', { n: 1 });
    herald.connect();
    await until(() => outcomes.length === 1, 'the resume');
    expect(outcomes).toEqual([{ recovered: true, missed: 1 }]);

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
