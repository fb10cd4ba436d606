// The global echo against a real Herald server: lazy creation, laravel-echo's instance, reconfiguring.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP, HeraldUnderTest } from '../test/test-server';
import { waitFor } from '../test/wait-for';
import { configureEcho, echo, echoIsConfigured, globalEchoHolder } from './global-echo';

describe('global echo', () => {
  let herald: HeraldUnderTest;
  beforeEach(async () => {
    herald = new HeraldUnderTest();
    await herald.start();
  });
  afterEach(async () => {
    globalEchoHolder.peek()?.disconnect();
    await herald.stop();
  });

  it('throws a TypeError naming configureEcho before it is called', () => {
    expect(echoIsConfigured()).toBe(false);
    expect(() => echo()).toThrow(/configureEcho/);
  });

  it('creates the echo on first use from laravel-echo option names, and replaces it when reconfigured', async () => {
    const options = {
      broadcaster: 'reverb',
      key: APP.key,
      wsHost: '127.0.0.1',
      wsPort: herald.port,
      forceTLS: false,
      env: {},
    } as const;
    configureEcho(options);
    expect(echoIsConfigured()).toBe(true);
    expect(globalEchoHolder.peek()).toBeUndefined();
    const first = echo();
    expect(first).toBe(globalEchoHolder.get().echo);
    await waitFor(() => first.socketId() !== undefined, { what: 'connected' });
    const firstHerald = globalEchoHolder.get();
    configureEcho(options);
    expect(firstHerald.status.getSnapshot().state).toBe('disconnected');
    expect(echo()).not.toBe(first);
  });
});
