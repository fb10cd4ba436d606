import { describe, expect, it } from 'vitest';
import { defineApp } from '../apps/app';
import { signChannel } from '../auth/channel-auth';
import { CoreHarness } from '../testing/core-harness';

const appConfig = { id: 'app-id', key: 'app-key', secret: 'app-secret' };

describe('error replies and the invalid-message budget', () => {
  it('closes a socket that floods invalid messages with 4150 once it passes the budget', async () => {
    const core = new CoreHarness(appConfig, {
      maxInvalidMessages: 5,
      invalidMessageWindowMs: 10_000,
    });
    const client = await core.connect();
    for (let i = 0; i < 5; i++) client.send('not json');
    expect(client.socket.closed).toBeUndefined();
    expect(client.socket.messages.filter((m) => m.event === 'pusher:error')).toHaveLength(5);
    client.send('not json');
    expect(client.socket.closed?.code).toBe(4150);
    expect(client.socket.last('pusher:error')?.data).toMatchObject({ code: 4150 });
  });

  it('forgives errors from an earlier window', async () => {
    const core = new CoreHarness(appConfig, {
      maxInvalidMessages: 3,
      invalidMessageWindowMs: 1000,
    });
    const client = await core.connect();
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 3; i++) client.send({ event: 'pusher:subscribe', data: { channel: '' } });
      core.clock.advance(1000);
    }
    expect(client.socket.closed).toBeUndefined();
  });

  it('counts binary frames and refused client events, not rate-limited client events', async () => {
    const core = new CoreHarness(
      { ...appConfig, limits: { maxClientEventsPerSecond: 1 } },
      { maxInvalidMessages: 3 },
    );
    const client = await core.connect();
    // A public channel refuses client events (4302): those count.
    client.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
    core.herald.connections.binary(client.ref);
    client.send({ event: 'client-x', channel: 'news', data: {} });
    client.send({ event: 'client-x', channel: 'news', data: {} });
    expect(client.socket.closed).toBeUndefined();
    client.send({ event: 'client-x', channel: 'news', data: {} });
    expect(client.socket.closed?.code).toBe(4150);
  });

  it('lets a bursty whisperer be rate-limited without being closed', async () => {
    const config = { ...appConfig, limits: { maxClientEventsPerSecond: 1 } };
    const core = new CoreHarness(config, { maxInvalidMessages: 3 });
    const client = await core.connect();
    const auth = signChannel(defineApp(config), client.socketId, 'private-x');
    client.send({ event: 'pusher:subscribe', data: { channel: 'private-x', auth } });
    for (let i = 0; i < 20; i++) client.send({ event: 'client-x', channel: 'private-x', data: {} });
    const codes = client.socket.messages.map(
      (m) => (m.data as { code?: number } | undefined)?.code,
    );
    expect(codes.filter((code) => code === 4301)).toHaveLength(19);
    expect(client.socket.closed).toBeUndefined();
  });

  it('sends error replies through the slow-consumer bound', async () => {
    const core = new CoreHarness(appConfig, { maxBufferedBytes: 1000 });
    const client = await core.connect();
    client.socket.bufferedAmount = 1001;
    const before = client.socket.sent.length;
    client.send('not json');
    expect(client.socket.closed?.code).toBe(4100);
    // The error reply was not queued behind the unread bytes, nor was the 4100 frame.
    expect(client.socket.sent.length).toBe(before);
  });
});
