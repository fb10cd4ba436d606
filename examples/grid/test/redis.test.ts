// Two app processes on one Redis (a random key prefix): one grid and one viewer count across two
// Herald nodes on @herald/redis, and a page whose app restarts catches up with what it missed.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startAppProcess, type AppProcess } from './app-process';
import {
  cell,
  closeViewers,
  expectCell,
  expectViewers,
  launchBrowser,
  openViewer,
  photographOpenPages,
} from './viewers';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let browser: Browser;
const processes: AppProcess[] = [];
const prefix = `grid-test-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await photographOpenPages(context.task.name);
  await closeViewers();
  for (const app of processes.splice(0)) await app.stop();
});

afterAll(async () => {
  await browser?.close();
  const redis = new Redis(REDIS_URL);
  await redis.del(`${prefix}:cells`, `${prefix}:meta`);
  redis.disconnect();
});

async function start(port: number, env: Record<string, string>): Promise<AppProcess> {
  const app = await startAppProcess(port, env);
  processes.push(app);
  return app;
}

describe('the grid on two app processes sharing Redis', () => {
  it('shows one grid and one count on both, and catches a restarted app up', async () => {
    const env = { REDIS_URL, REDIS_PREFIX: prefix };
    const [portA, portB] = [await freePort(), await freePort()];
    let a = await start(portA, env);
    const b = await start(portB, env);

    const ada = await openViewer(browser, a.url);
    const bob = await openViewer(browser, b.url);
    await expectViewers(ada, 2);
    await expectViewers(bob, 2);

    await cell(ada, 1, 1).click();
    await expectCell(bob, 1, 1, 'leaves', 1);
    await cell(bob, 10, 10).click();
    await expectCell(ada, 10, 10, 'leaves', 1);

    // App A stops (a deploy): Ada's page loses its connection, Bob sees one viewer.
    await a.stop();
    await expect
      .poll(() => ada.getByTestId('connection').textContent(), { timeout: 10_000 })
      .not.toBe('Live');
    await expectViewers(bob, 1);
    // Meanwhile Bob grows a cell; Ada cannot hear about it.
    await cell(bob, 5, 1).click();
    await cell(bob, 5, 1).click();
    await cell(bob, 5, 1).click();
    await expectCell(bob, 5, 1, 'tree', 3);
    await expectCell(ada, 5, 1, 'sprout', 0);

    // App A is back on its port: Ada's page reconnects by itself and refetches the grid.
    a = await start(portA, env);
    await expect
      .poll(() => ada.getByTestId('connection').textContent(), { timeout: 20_000 })
      .toBe('Live');
    await expectCell(ada, 5, 1, 'tree', 3);
    await expectCell(ada, 1, 1, 'leaves', 1);
    await expectViewers(ada, 2);
    await expectViewers(bob, 2);

    await cell(ada, 5, 1).click();
    await expectCell(bob, 5, 1, 'tree', 4);
  });
});
