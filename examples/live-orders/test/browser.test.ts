// The example in a real browser: Debian's Chromium driven by playwright-core, two users on one page.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveOrders, type LiveOrders } from '../src/server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// What this machine's closed network needs: no background calls home, no sandbox as root.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let app: LiveOrders;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run bash scripts/services.sh (it installs Debian's chromium) or set CHROMIUM_PATH`);
  app = await startLiveOrders();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function open(user: string): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${app.url}/?user=${user}`);
  await page.locator('#status', { hasText: 'connected' }).waitFor({ timeout: 15_000 }).catch((error: unknown) => {
    throw new Error(`${user}'s page did not connect (page errors: ${errors.join('; ') || 'none'}): ${String(error)}`);
  });
  return page;
}

describe('live orders in Chromium', () => {
  it('connects, shows who is here, relays typing, and broadcasts orders to everyone but the sender', async () => {
    const alice = await open('alice');
    const bob = await open('bob');

    for (const page of [alice, bob]) {
      await expect.poll(() => page.textContent('#members')).toBe('alice, bob');
      expect(await page.textContent('#count')).toBe('2');
    }

    await bob.fill('#order', 'A-1');
    await expect.poll(() => alice.textContent('#typing')).toBe('bob is typing…');

    await bob.fill('#order', 'A-17');
    await bob.click('#ship');
    await expect.poll(() => alice.locator('#orders li').allTextContents()).toEqual(['A-17 shipped by bob']);
    // Bob's own entry only: the X-Socket-ID header made the server skip his socket.
    await new Promise((r) => setTimeout(r, 300));
    expect(await bob.locator('#orders li').allTextContents()).toEqual(['A-17 shipped by bob']);

    await bob.close();
    await expect.poll(() => alice.textContent('#members')).toBe('alice');
    expect(await alice.textContent('#count')).toBe('1');
    await alice.close();
  });

  it('keeps the page connected when the app refuses to sign a subscription', async () => {
    const page = await browser.newPage();
    const authStatuses: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/broadcasting/auth')) authStatuses.push(response.status());
    });
    await page.goto(`${app.url}/?user=NOT-VALID`);
    await page.locator('#status', { hasText: 'connected' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => authStatuses).toContain(403);
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.textContent('#status')).toBe('connected');
    expect(await page.textContent('#count')).toBe('0');
    await page.close();
  });
});
