import { describe, expect, it } from 'vitest';
import { createBunServer } from './bun-server';

describe('createBunServer', () => {
  it('leaves socket liveness to the core: no Bun pings, no Bun idle timeout (120 s by default)', async () => {
    const server = createBunServer({ apps: [{ id: '1', key: 'key', secret: 'secret' }] });
    // A silent socket on Bun's defaults is dropped with 1006 after 120 s, before a longer
    // activityTimeoutSeconds would ping it; on Node nothing but the core closes it.
    expect(server.websocket).toMatchObject({ sendPings: false, idleTimeout: 0 });
    await server.herald.close();
  });
});
