import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HeraldEcho } from '../src';
import type { ConnectionStatus } from '../src';
import { echoFor } from './echo-harness';
import { HeraldUnderTest } from './test-server';
import { waitFor } from './wait-for';

const OVER_CAPACITY = 4100;

/**
 * The TCP stream under pusher-js's Node WebSocket (faye-websocket): pausing it makes this client a
 * reader that stopped reading, which is what the server's slow-consumer bound is for.
 */
function socketStream(echo: HeraldEcho): { pause(): void; resume(): void } {
  const manager = echo.pusher.connection as unknown as {
    connection: { transport: { socket: { _stream: { pause(): void; resume(): void } } } };
  };
  return manager.connection.transport.socket._stream;
}

describe('a slow consumer closed by the server', () => {
  let herald: HeraldUnderTest;
  beforeEach(async () => {
    herald = new HeraldUnderTest({ maxBufferedBytes: 64 * 1024 });
    await herald.start();
  });
  afterEach(async () => {
    await herald.stop();
  });

  it('reconnects with back-off after 4100, not at once, and resubscribes', async () => {
    // random 0: a plain loss would retry at once, so any wait below comes from the 4100 back-off.
    const echo = echoFor(herald, undefined, {
      backoff: { minDelayMs: 1000, maxDelayMs: 8000, random: () => 0 },
    });
    const downs: ConnectionStatus[] = [];
    echo.status.subscribe(() => {
      const s = echo.status.getSnapshot();
      if (s.state === 'reconnecting' && s.nextRetryAt !== null && !downs.includes(s)) downs.push(s);
    });
    echo.channels.acquire('news');
    await waitFor(() => herald.subscribeCount('news') === 1);
    const stream = socketStream(echo);
    stream.pause();

    const api = herald.api();
    const payload = { text: 'x'.repeat(9000) };
    // Publish until the server gives up on the reader that does not read.
    await waitFor(
      () => {
        if (herald.closeCodes.includes(OVER_CAPACITY)) return true;
        void api.trigger('news', 'update', payload).catch(() => undefined);
        return false;
      },
      { what: 'the server to close the slow consumer', timeoutMs: 15_000 },
    );
    stream.resume(); // now pusher-js reads the backlog and the 4100 close behind it

    const down = await waitFor(() => downs[0], { what: 'reconnecting after 4100' });
    expect(down.lastError?.code).toBe(OVER_CAPACITY);
    // Back-off: at least half of minDelayMs, where a plain loss here would have waited 0 ms.
    expect(down.nextRetryAt! - down.lastError!.at).toBeGreaterThanOrEqual(500);
    await waitFor(() => herald.subscribeCount('news') === 2, { what: 'resubscribed' });
    expect(echo.status.getSnapshot().state).toBe('connected');
  }, 30_000);
});
