import { describe, expect, it } from 'vitest';
import { defineApp } from '../apps/app';
import { CoreHarness } from '../testing/core-harness';
import { signedRequest } from '../testing/signed-request';

const appConfig = { id: 'app-id', key: 'app-key', secret: 'app-secret' };
const app = defineApp(appConfig);
const event = JSON.stringify({ name: 'e', data: '{}', channel: 'news' });

function head(request: ReturnType<typeof signedRequest>, headers: Record<string, string> = {}) {
  const { body: _body, ...rest } = request;
  return { ...rest, headers: { ...rest.headers, ...headers } };
}

describe('HttpApi.admit: what is decided before the body is read', () => {
  it('admits a signed publish with the app body limit and finishes it with the body', async () => {
    const core = new CoreHarness({ ...appConfig, limits: { maxRequestBodyBytes: 5000 } });
    const request = signedRequest(app, 'POST', '/apps/app-id/events', event, core.clock.now());
    const admission = await core.herald.http.admit(head(request));
    if ('response' in admission) throw new Error(`refused: ${admission.response.body}`);
    expect(admission.maxBodyBytes).toBe(5000);
    expect((await admission.handle(event)).status).toBe(200);
  });

  it('refuses a declared Content-Length over the app limit with 413 at once', async () => {
    const core = new CoreHarness();
    const request = signedRequest(app, 'POST', '/apps/app-id/events', event, core.clock.now());
    const admission = await core.herald.http.admit(
      head(request, { 'content-length': String(9_900_000) }),
    );
    expect('response' in admission && admission.response.status).toBe(413);
  });

  it('refuses a bad signature, an unknown app and a disabled app without a body', async () => {
    const core = new CoreHarness();
    const wrong = defineApp({ ...appConfig, secret: 'other' });
    const unsigned = await core.herald.http.admit(
      head(signedRequest(wrong, 'POST', '/apps/app-id/events', event, core.clock.now())),
    );
    expect('response' in unsigned && unsigned.response.status).toBe(401);
    const unknown = await core.herald.http.admit(
      head(signedRequest(app, 'POST', '/apps/nope/events', event, core.clock.now())),
    );
    expect('response' in unknown && unknown.response.status).toBe(404);
    const disabled = new CoreHarness({ ...appConfig, enabled: false });
    const refused = await disabled.herald.http.admit(
      head(signedRequest(app, 'POST', '/apps/app-id/events', event, disabled.clock.now())),
    );
    expect('response' in refused && refused.response.status).toBe(403);
  });

  it('still checks the body against the signed body_md5 once it arrives', async () => {
    const core = new CoreHarness();
    const admission = await core.herald.http.admit(
      head(signedRequest(app, 'POST', '/apps/app-id/events', event, core.clock.now())),
    );
    if ('response' in admission) throw new Error('refused');
    const response = await admission.handle(event.replace('news', 'olds'));
    expect(response.status).toBe(401);
    expect(response.body).toMatch(/body_md5/);
  });

  it('answers /up and /ready from the head', async () => {
    const core = new CoreHarness();
    const up = await core.herald.http.admit({ method: 'GET', path: '/up', query: '', headers: {} });
    expect('response' in up && up.response.status).toBe(200);
  });
});

describe('publish admission under overload', () => {
  async function backlogged(options: { node?: number; app?: number }) {
    const core = new CoreHarness(
      { ...appConfig, limits: { maxQueuedDeliveries: options.app ?? 0 } },
      { fanoutChunkSize: 10, maxQueuedDeliveries: options.node ?? 200_000 },
    );
    const clients = await Promise.all(Array.from({ length: 30 }, () => core.connect()));
    for (const c of clients) c.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
    // 30 subscribers in chunks of 10: 20 deliveries stay queued until the deferred turns run.
    const first = await core.herald.http.handle(
      signedRequest(app, 'POST', '/apps/app-id/events', event, core.clock.now()),
    );
    expect(first.status).toBe(200);
    return { core, clients };
  }

  it('refuses publishes with 503 and Retry-After while the node backlog is over its bound, and counts them', async () => {
    const { core, clients } = await backlogged({ node: 5 });
    const dropped: string[] = [];
    core.herald.observe({ messageDropped: (e) => dropped.push(e.reason) });
    expect(core.herald.stats().queuedDeliveries).toBe(20);
    const refused = await core.herald.http.handle(
      signedRequest(app, 'POST', '/apps/app-id/events', event, core.clock.now()),
    );
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(JSON.parse(refused.body).error).toMatch(/over capacity/);
    expect(dropped).toEqual(['overloaded']);
    // Reads are not publishes: they still answer.
    const read = await core.herald.http.handle(
      signedRequest(app, 'GET', '/apps/app-id/channels', '', core.clock.now()),
    );
    expect(read.status).toBe(200);
    core.clock.flushDeferred();
    expect(core.herald.stats().queuedDeliveries).toBe(0);
    const accepted = await core.herald.http.handle(
      signedRequest(app, 'POST', '/apps/app-id/events', event, core.clock.now()),
    );
    expect(accepted.status).toBe(200);
    core.clock.flushDeferred();
    // Every subscriber got both accepted events; the refused one reached nobody.
    for (const c of clients)
      expect(c.socket.messages.filter((m) => m.event === 'e')).toHaveLength(2);
  });

  it('applies an app bound below the node bound', async () => {
    const { core } = await backlogged({ app: 5 });
    const refused = await core.herald.http.handle(
      signedRequest(app, 'POST', '/apps/app-id/events', event, core.clock.now()),
    );
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body).error).toMatch(/for this app/);
  });
});
