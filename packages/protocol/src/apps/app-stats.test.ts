import { describe, expect, it } from 'vitest';
import { CoreHarness } from '../testing/core-harness';
import { signChannel } from '../auth/channel-auth';
import { defineApp } from './app';

describe('herald.stats()', () => {
  it('counts connections, subscriptions, presence members, messages and bytes per app', async () => {
    const harness = new CoreHarness();
    const a = await harness.connect();
    const b = await harness.connect();
    const subscribe = { event: 'pusher:subscribe', data: { channel: 'news' } };
    a.send(subscribe);
    b.send(subscribe);
    const channelData = JSON.stringify({ user_id: 'u1' });
    b.send({
      event: 'pusher:subscribe',
      data: {
        channel: 'presence-room',
        auth: signChannel(defineApp(harness.app), b.socketId, 'presence-room', channelData),
        channel_data: channelData,
      },
    });

    const stats = harness.herald.stats();
    expect(stats.nodeId).toBeUndefined();
    expect(stats.apps).toHaveLength(1);
    const app = stats.apps[0]!;
    expect(app).toMatchObject({
      appId: 'app-id',
      connections: 2,
      channels: 2,
      subscriptions: 3,
      presenceMembers: 1,
      messagesIn: 3,
    });
    const sentIn = [subscribe, subscribe]
      .map((m) => JSON.stringify(m).length)
      .reduce((x, y) => x + y, 0);
    expect(app.bytesIn).toBeGreaterThan(sentIn);
    const framesOut = [...a.socket.sent, ...b.socket.sent];
    expect(app.messagesOut).toBe(framesOut.length);
    expect(app.bytesOut).toBe(framesOut.reduce((sum, text) => sum + Buffer.byteLength(text), 0));

    harness.disconnect(a);
    expect(harness.herald.stats().apps[0]).toMatchObject({ connections: 1, subscriptions: 2 });
  });
});
