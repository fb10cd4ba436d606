// The example in a real browser: Debian's Chromium driven by playwright-core, two users on one page.
// Elements are found the way a screen reader finds them (roles and labels), and every assertion is
// about what a person sees on the page.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveOrders, type LiveOrders } from '../src/server';
import { shipFromWarehouse } from '../src/warehouse';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// What this machine's closed network needs: no background calls home, no sandbox as root.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The README's picture, taken from Alice's page mid-way through the first test. */
const SCREENSHOT = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));
const DESKTOP = { width: 960, height: 600 };
const PHONE = { width: 375, height: 740 };

let app: LiveOrders;
let browser: Browser;
const pageErrors = new Map<Page, string[]>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: run bash scripts/services.sh (it installs Debian's chromium) or set CHROMIUM_PATH`,
    );
  }
  app = await startLiveOrders();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Opens the page as `user` and waits until its badge says it is connected. */
async function open(user: string, viewport = DESKTOP): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${app.url}/?user=${user}`);
  await connectionBadge(page)
    .filter({ hasText: 'Connected' })
    .waitFor({ timeout: 15_000 })
    .catch((error: unknown) => {
      throw new Error(
        `${user}'s page did not connect (page errors: ${errors.join('; ') || 'none'}): ${String(error)}`,
      );
    });
  return page;
}

const connectionBadge = (page: Page) => page.getByRole('status');
const people = (page: Page) =>
  page.getByRole('list', { name: 'People here' }).getByRole('listitem').allTextContents();
const peopleCount = (page: Page) => page.locator('#count').textContent();
const orders = (page: Page) =>
  page.getByRole('list', { name: 'Orders', exact: true }).getByRole('listitem').allTextContents();
const typingLine = (page: Page) => page.locator('#typing').textContent();
const orderField = (page: Page) => page.getByLabel('Order id');
const shipButton = (page: Page) => page.getByRole('button', { name: 'Ship' });

describe('live orders in Chromium', () => {
  it('shows who is here, who is typing, and orders shipped by others, each once', async () => {
    const alice = await open('alice');
    const bob = await open('bob');

    await expect.poll(() => people(alice)).toEqual(['alice (you)', 'bob']);
    await expect.poll(() => people(bob)).toEqual(['alice', 'bob (you)']);
    expect(await peopleCount(alice)).toBe('2');
    expect(await peopleCount(bob)).toBe('2');
    // Announced to screen readers as they change.
    expect(await alice.locator('#typing').getAttribute('aria-live')).toBe('polite');
    expect(
      await alice.getByRole('list', { name: 'Orders', exact: true }).getAttribute('aria-live'),
    ).toBe('polite');

    await orderField(bob).fill('A-1');
    await expect.poll(() => typingLine(alice)).toBe('bob is typing…');

    await orderField(bob).fill('A-17');
    await shipButton(bob).click();
    await expect.poll(() => orders(alice)).toEqual(['A-17 shipped by bob']);
    // Shipping ends Bob's typing, and clears his field for the next order.
    await expect.poll(() => typingLine(alice)).toBe('');
    expect(await orderField(bob).inputValue()).toBe('');

    // Alice ships from the keyboard. Her order reaches Bob after his own broadcast would have (one
    // socket, one order), so his list proves the server skipped him through X-Socket-ID.
    await orderField(alice).fill('A-18');
    await orderField(alice).press('Enter');
    await expect.poll(() => orders(bob)).toEqual(['A-18 shipped by alice', 'A-17 shipped by bob']);
    expect(await orders(alice)).toEqual(['A-18 shipped by alice', 'A-17 shipped by bob']);

    await orderField(bob).fill('A-19');
    await expect.poll(() => typingLine(alice)).toBe('bob is typing…');
    await alice.locator('body').screenshot({ path: SCREENSHOT });

    await bob.close();
    await expect.poll(() => people(alice)).toEqual(['alice (you)']);
    expect(await peopleCount(alice)).toBe('1');
    expect(pageErrors.get(alice)).toEqual([]);
    expect(pageErrors.get(bob)).toEqual([]);
    await alice.close();
  });

  it('shows orders another service ships over the HTTP API with the pusher SDK', async () => {
    const alice = await open('alice');
    await expect.poll(() => people(alice)).toEqual(['alice (you)']);
    await shipFromWarehouse({ host: '127.0.0.1', port: app.heraldPort }, 'W-1');
    await expect.poll(() => orders(alice)).toEqual(['W-1 shipped by the warehouse']);
    expect(pageErrors.get(alice)).toEqual([]);
    await alice.close();
  });

  it('fits a phone screen: one column, no sideways scrolling, the Ship button in reach', async () => {
    const page = await open('carol', PHONE);
    await expect.poll(() => people(page)).toEqual(['carol (you)']);

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const here = (await page.getByRole('region', { name: /Here now/ }).boundingBox())!;
    const ordersBox = (await page
      .getByRole('region', { name: 'Orders', exact: true })
      .boundingBox())!;
    expect(ordersBox.y).toBeGreaterThanOrEqual(here.y + here.height);
    const button = (await shipButton(page).boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(PHONE.width);
    expect(await shipButton(page).isEnabled()).toBe(true);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });

  it('says so and stays connected when the app refuses to sign the subscription', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    const authStatuses: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/broadcasting/auth')) authStatuses.push(response.status());
    });
    await page.goto(`${app.url}/?user=NOT-VALID`);

    const problem = page.getByRole('alert');
    await problem
      .filter({ hasText: 'You could not join the orders room' })
      .waitFor({ timeout: 15_000 });
    expect(authStatuses).toContain(403);
    expect(await connectionBadge(page).textContent()).toBe('Connected');
    expect(await peopleCount(page)).toBe('0');
    expect(await shipButton(page).isDisabled()).toBe(true);
    await page.close();
  });
});
