// The presence store against a real Herald server: joined while subscribed, live roster, left after.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { echoFor } from '../test/echo-harness';
import { AppUnderTest, HeraldUnderTest } from '../test/test-server';
import { waitFor } from '../test/wait-for';
import { createEchoHolder } from './echo-holder';
import { createPresenceStore, EMPTY_PRESENCE_ROSTER } from './presence-store';

describe('PresenceStore', () => {
  let herald: HeraldUnderTest;
  let app: AppUnderTest;
  beforeEach(async () => {
    herald = new HeraldUnderTest();
    await herald.start();
    app = new AppUnderTest(herald);
    await app.start();
  });
  afterEach(async () => {
    await app.stop();
    await herald.stop();
  });

  it('reads the empty roster without creating an echo until subscribed', () => {
    let created = 0;
    const store = createPresenceStore(
      createEchoHolder(() => {
        created += 1;
        return echoFor(herald, app);
      }),
      'room',
    );
    expect(store.getSnapshot()).toBe(EMPTY_PRESENCE_ROSTER);
    expect(created).toBe(0);
  });

  it('joins on the first subscriber, follows joins and leaves, and leaves after the last', async () => {
    const store = createPresenceStore(
      createEchoHolder(echoFor(herald, app, { userId: 'alice' })),
      'room',
    );
    let changes = 0;
    const stop = store.subscribe(() => (changes += 1));
    await waitFor(() => store.getSnapshot().me?.id === 'alice', { what: 'alice synced' });
    const bob = echoFor(herald, app, { userId: 'bob' });
    const bobRoom = bob.channels.acquire('room', 'presence');
    await waitFor(() => store.getSnapshot().count === 2, { what: 'bob joins' });
    bobRoom.release();
    await waitFor(() => store.getSnapshot().count === 1, { what: 'bob leaves' });
    expect(changes).toBeGreaterThanOrEqual(3);
    stop();
    await waitFor(() => herald.unsubscribeCount('presence-room') === 2, { what: 'alice leaves' });
    expect(store.getSnapshot()).toBe(EMPTY_PRESENCE_ROSTER);
  });
});
