import {
  TEST_APP,
  disconnectPusher,
  redisBusTarget,
  startCluster,
  waitFor,
  whenSubscribed,
} from '../../src/index';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createWebhooks } from '@herald/webhooks';
import { startReceiver } from './receiver';

// Three real nodes on a real Redis, each running its own webhooks observer, as a deployment would.
describe('webhooks across a cluster (Redis)', () => {
  async function setUp() {
    const receiver = await startReceiver();
    const app = {
      ...TEST_APP,
      webhooks: [
        {
          url: receiver.url,
          eventTypes: [
            'channel_occupied' as const,
            'channel_vacated' as const,
            'member_added' as const,
            'member_removed' as const,
          ],
        },
      ],
    };
    const cluster = await startCluster(redisBusTarget, 3, app);
    for (const node of cluster.nodes) {
      const webhooks = createWebhooks({ batchWindowMs: 20, leaveDelayMs: 200 });
      node.server.herald.observe(webhooks.observer);
      onTestFinished(() => webhooks.close());
    }
    const names = () =>
      receiver
        .validEvents(app)
        .map((e) =>
          [e.name, e.channel, 'user_id' in e ? e.user_id : undefined].filter(Boolean).join(' '),
        );
    return { receiver, cluster, names };
  }

  it('sends channel_occupied once for the first subscriber anywhere and channel_vacated once after the last leaves', async () => {
    const { cluster, names } = await setUp();
    const [a, b] = [
      await cluster.pusher(0, { user_id: 'ann' }),
      await cluster.pusher(1, { user_id: 'bob' }),
    ];
    await whenSubscribed(a.subscribe('presence-room'));
    await whenSubscribed(b.subscribe('presence-room'));
    await waitFor(() =>
      expect(names()).toEqual([
        'channel_occupied presence-room',
        'member_added presence-room ann',
        'member_added presence-room bob',
      ]),
    );
    await disconnectPusher(a);
    await waitFor(() => expect(names()).toContain('member_removed presence-room ann'));
    await new Promise((r) => setTimeout(r, 500)); // past the leave delay: the channel is still held on node 1
    expect(names()).not.toContain('channel_vacated presence-room');
    await disconnectPusher(b);
    await waitFor(() =>
      expect(names().slice(3)).toEqual([
        'member_removed presence-room ann',
        'member_removed presence-room bob',
        'channel_vacated presence-room',
      ]),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(names()).toHaveLength(6);
  });

  it("reports a dead node's members and channels gone, once", async () => {
    const { cluster, names } = await setUp();
    const [a, c] = [
      await cluster.pusher(0, { user_id: 'ann' }),
      await cluster.pusher(2, { user_id: 'cat' }),
    ];
    await whenSubscribed(a.subscribe('presence-room'));
    await whenSubscribed(c.subscribe('presence-room'));
    await whenSubscribed(c.subscribe('only-on-node-2'));
    await waitFor(() => expect(names()).toHaveLength(4));
    await cluster.kill(2);
    await waitFor(
      () =>
        expect(names().slice(4).sort()).toEqual([
          'channel_vacated only-on-node-2',
          'member_removed presence-room cat',
        ]),
      { timeoutMs: 5000 },
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(names()).toHaveLength(6); // nothing else: not ann, whom the cut-off node saw go silent
  });
});
