import { describe, expect, it } from 'vitest';
import { defineApp } from '../apps/app';
import { CoreHarness } from '../testing/core-harness';
import { signedRequest } from '../testing/signed-request';
import { RateLimiter } from './rate-limiter';

const appConfig = {
  id: 'app-id',
  key: 'app-key',
  secret: 'app-secret',
  limits: { apiEventsPerSecond: 3, apiReadsPerSecond: 1 },
};
const app = defineApp(appConfig);

describe('HTTP API rate limits', () => {
  it('answers 429 with X-RateLimit headers once the events budget is spent, and resets next second', async () => {
    const core = new CoreHarness(appConfig);
    const publish = () =>
      core.herald.http.handle(
        signedRequest(
          app,
          'POST',
          '/apps/app-id/events',
          JSON.stringify({ name: 'e', data: 'x', channel: 'c' }),
          core.clock.now(),
        ),
      );
    const first = await publish();
    expect(first.status).toBe(200);
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '2' });
    await publish();
    await publish();
    const refused = await publish();
    expect(refused.status).toBe(429);
    expect(refused.headers).toMatchObject({
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1',
    });
    expect(JSON.parse(refused.body).error).toMatch(/Rate limit of 3 events per second/);
    core.clock.advance(1000);
    expect((await publish()).status).toBe(200);
  });

  it('counts each event of a batch and keeps reads on their own budget', async () => {
    const core = new CoreHarness(appConfig);
    const batch = JSON.stringify({ batch: Array(4).fill({ name: 'e', data: 'x', channel: 'c' }) });
    const res = await core.herald.http.handle(
      signedRequest(app, 'POST', '/apps/app-id/batch_events', batch, core.clock.now()),
    );
    expect(res.status).toBe(429);
    const read = () =>
      core.herald.http.handle(
        signedRequest(app, 'GET', '/apps/app-id/channels', '', core.clock.now()),
      );
    expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(429);
  });

  it('does not spend the budget on requests with a bad signature', async () => {
    const core = new CoreHarness(appConfig);
    const bad = {
      ...signedRequest(
        { key: 'app-key', secret: 'wrong' },
        'GET',
        '/apps/app-id/channels',
        '',
        core.clock.now(),
      ),
    };
    expect((await core.herald.http.handle(bad)).status).toBe(401);
    expect(
      (
        await core.herald.http.handle(
          signedRequest(app, 'GET', '/apps/app-id/channels', '', core.clock.now()),
        )
      ).status,
    ).toBe(200);
  });
});

describe('RateLimiter', () => {
  it('gives each node its share of a cluster-wide limit', () => {
    const limiter = new RateLimiter();
    const decisions = Array.from({ length: 6 }, () => limiter.check('a', 'events', 10, 1, 0, 2));
    expect(decisions.filter((d) => d.isAllowed)).toHaveLength(5);
    expect(decisions[0]!.limit).toBe(5);
  });
});
