// The grid in a real browser: Debian's Chromium driven by playwright-core, two or three people on
// one app server (the grid in memory), asserting what they see.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGrid, type GridServer } from '../src/server';
import {
  cell,
  cellLabel,
  closeViewers,
  expectCell,
  expectViewers,
  launchBrowser,
  openViewer,
  photographOpenPages,
  receivedCount,
} from './viewers';

const SCREENSHOT = fileURLToPath(new URL('../screenshot.png', import.meta.url));

let browser: Browser;
const apps: GridServer[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await photographOpenPages(context.task.name);
  await closeViewers();
  for (const app of apps.splice(0)) await app.close();
});

afterAll(async () => {
  await browser?.close();
});

async function start(options: Parameters<typeof startGrid>[0]): Promise<GridServer> {
  const app = await startGrid(options);
  apps.push(app);
  return app;
}

describe('the emoji grid in Chromium', () => {
  it('shows every click to everyone at once, and the viewer count in the centre', async () => {
    const app = await start({});
    // A grid already growing, so the screenshot shows every stage.
    for (const [index, clicks] of [
      [0, 6],
      [11, 3],
      [22, 1],
      [9, 6],
      [18, 3],
      [27, 1],
      [90, 6],
      [81, 3],
      [72, 1],
      [99, 6],
      [88, 3],
      [77, 1],
    ] as const) {
      for (let i = 0; i < clicks; i += 1) await app.store.level(index);
    }

    const ada = await openViewer(browser, app.url);
    const bob = await openViewer(browser, app.url);
    await expectViewers(ada, 2);
    await expectViewers(bob, 2);
    await expectCell(bob, 1, 1, 'fruit', 6);
    await expectCell(bob, 2, 2, 'tree', 3);

    const sentSocketIds: (string | undefined)[] = [];
    ada.on('request', (request) => {
      if (request.url().includes('/cells/')) sentSocketIds.push(request.headers()['x-socket-id']);
    });
    await cell(ada, 3, 5).click();
    await expectCell(ada, 3, 5, 'leaves', 1);
    await expectCell(bob, 3, 5, 'leaves', 1);
    await cell(bob, 3, 5).click();
    await cell(bob, 3, 5).click();
    await expectCell(bob, 3, 5, 'tree', 3);
    await expectCell(ada, 3, 5, 'tree', 3);
    // @herald/echo's fetch wrapper sent the socket id, and the app's broadcast skipped the sender:
    // each tab heard only the other's clicks.
    expect(sentSocketIds).toHaveLength(1);
    expect(sentSocketIds[0]).toMatch(/^\d+\.\d+$/);
    await expect
      .poll(() => [receivedCount(ada, 'cell.leveled'), receivedCount(bob, 'cell.leveled')])
      .toEqual([2, 1]);

    // A second tab of Ada's browser is one more viewer; closing it is one fewer.
    const adaTab = await openViewer(browser, app.url, ada.context());
    for (const page of [ada, bob, adaTab]) await expectViewers(page, 3);
    await expectCell(adaTab, 3, 5, 'tree', 3);
    await adaTab.close();
    await expectViewers(ada, 2);
    await expectViewers(bob, 2);

    expect(
      await ada.getByRole('grid', { name: 'Emoji grid, 10 by 10' }).getByRole('gridcell').count(),
    ).toBe(97);
    if (!existsSync(SCREENSHOT) || process.env.UPDATE_SCREENSHOT === '1') {
      await ada.mouse.move(0, 0);
      await ada.locator('.page').screenshot({ path: SCREENSHOT });
    }
  });

  it('fits a phone screen, and plays from the keyboard', async () => {
    const app = await start({});
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const phone = await openViewer(browser, app.url, context);
    await cell(phone, 1, 1).tap();
    await expectCell(phone, 1, 1, 'leaves', 1);
    const widths = await phone.evaluate(() => [
      document.documentElement.scrollWidth,
      window.innerWidth,
    ]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    const box = await cell(phone, 10, 10).boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(28);

    const desk = await openViewer(browser, app.url);
    await cell(desk, 5, 4).focus();
    // Right from row 5, column 4 jumps over the centre (columns 5 and 6) to column 7.
    await desk.keyboard.press('ArrowRight');
    await desk.keyboard.press('Enter');
    await desk.keyboard.press('ArrowUp');
    await desk.keyboard.press('Space');
    await expectCell(phone, 5, 7, 'leaves', 1);
    await expectCell(phone, 4, 7, 'leaves', 1);
  });

  it('rains emoji for everyone when the last cell bears fruit, and starts over', async () => {
    // A 3×3 grid: eight cells around the centre, six clicks each.
    const app = await start({ size: 3, clickLimit: { max: 1000, windowMs: 1000 } });
    const ada = await openViewer(browser, app.url);
    const bob = await openViewer(browser, app.url);
    await expectViewers(ada, 2);
    const cells: [number, number][] = [
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 1],
      [2, 3],
      [3, 1],
      [3, 2],
      [3, 3],
    ];
    for (const [n, [row, column]] of cells.entries()) {
      const page = n % 2 === 0 ? ada : bob;
      const clicks = n === cells.length - 1 ? 5 : 6;
      for (let i = 0; i < clicks; i += 1) await cell(page, row, column).click();
      await expectCell(
        page === ada ? bob : ada,
        row,
        column,
        clicks === 6 ? 'fruit' : 'tree',
        clicks,
      );
    }
    expect(await ada.getByTestId('rain').count()).toBe(0);

    await cell(bob, 3, 3).click();
    for (const page of [ada, bob]) {
      await expect
        .poll(() => page.getByTestId('rain').getByRole('status').textContent())
        .toBe('The grid is full of 🍎! Round 1 complete, starting over.');
      expect(await page.getByTestId('rain').locator('.drop').count()).toBeGreaterThan(10);
      for (const [row, column] of cells) await expectCell(page, row, column, 'sprout', 0);
      await expect.poll(() => page.getByTestId('round').textContent()).toBe('Rounds completed: 1');
    }
    expect((await app.store.snapshot()).round).toBe(1);
  });

  it('undoes a click the app refuses, and the others never see it', async () => {
    // Two clicks a minute per viewer: the third is refused with 429.
    const app = await start({ clickLimit: { max: 2, windowMs: 60_000 } });
    const ada = await openViewer(browser, app.url);
    const bob = await openViewer(browser, app.url);
    await cell(ada, 2, 2).click();
    await cell(ada, 2, 2).click();
    await expectCell(bob, 2, 2, 'leaves', 2);

    // Hold the third request, as a slow network would, to see the click shown before the answer.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await ada.route('**/cells/*', async (route) => {
      await held;
      await route.continue();
    });
    await cell(ada, 2, 2).click();
    await expectCell(ada, 2, 2, 'tree', 3);
    release();
    await expectCell(ada, 2, 2, 'leaves', 2);
    await expect
      .poll(() => ada.getByRole('alert').textContent())
      .toBe('Your click was undone: Too many clicks: slow down.');
    expect(await cellLabel(bob, 2, 2)).toBe('Row 2, column 2: leaves, 2 of 6 clicks');
    expect((await app.store.snapshot()).clicks[11]).toBe(2);
  });
});
