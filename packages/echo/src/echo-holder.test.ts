// Echo holder stores: they read initial snapshots without creating the echo, and create it on subscribe.
import { afterEach, describe, expect, it } from 'vitest';
import { createEcho, type HeraldEcho } from './create-echo';
import { createEchoHolder, INITIAL_OFFLINE_QUEUE_STATE, offlineQueueOf } from './echo-holder';

describe('offlineQueueOf', () => {
  let created: HeraldEcho | undefined;
  afterEach(() => created?.disconnect());
  // Port 9 (discard) on loopback: nothing answers, so whispers can only queue.
  const factory = (): HeraldEcho =>
    (created = createEcho({
      key: 'k',
      host: '127.0.0.1',
      port: 9,
      forceTLS: false,
      env: {},
      watchNetwork: false,
    }));

  it('reads the initial state without creating the echo', () => {
    const store = offlineQueueOf(createEchoHolder(factory));
    expect(store.getSnapshot()).toBe(INITIAL_OFFLINE_QUEUE_STATE);
    expect(created).toBeUndefined();
  });

  it('creates the echo on subscribe and follows its queue', () => {
    const holder = createEchoHolder(factory);
    const store = offlineQueueOf(holder);
    let calls = 0;
    const unsubscribe = store.subscribe(() => (calls += 1));
    expect(holder.peek()).toBe(created);
    expect(holder.get().whisper('private-dm', 'note', { text: 'hi' })).toBe('queued');
    expect(store.getSnapshot()).toEqual({ size: 1, droppedCount: 0 });
    expect(calls).toBe(1);
    unsubscribe();
  });
});
