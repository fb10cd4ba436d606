// Viewers: pages in Debian's Chromium (playwright-core), each in its own browser context (one
// person each), with what a person sees read through roles and labels.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

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
const FAILURE_DIR = fileURLToPath(new URL('./failures/', import.meta.url));

/** Pages a failing test photographs. */
const openPages = new Set<Page>();
/** Pusher event names each page's WebSockets received, in order. */
const received = new WeakMap<Page, string[]>();

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: run bash scripts/services.sh (it installs Debian's chromium) or set CHROMIUM_PATH`,
    );
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Opens the grid at `url` in `context` (a new one: a new person) and waits until it is live. */
export async function openViewer(
  browser: Browser,
  url: string,
  context?: BrowserContext,
): Promise<Page> {
  const page = await (
    context ?? (await browser.newContext({ viewport: { width: 900, height: 900 } }))
  ).newPage();
  openPages.add(page);
  page.on('close', () => openPages.delete(page));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const events: string[] = [];
  received.set(page, events);
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const event = /"event":"([^"]+)"/.exec(String(payload));
      if (event) events.push(event[1]!);
    }),
  );
  await page.goto(url);
  await page
    .getByTestId('connection')
    .filter({ hasText: 'Live' })
    .waitFor({ timeout: 15_000 })
    .catch((error: unknown) => {
      throw new Error(
        `the page did not go live (page errors: ${errors.join('; ') || 'none'}): ${String(error)}`,
      );
    });
  await page.getByRole('grid').waitFor();
  return page;
}

/** How many `event` messages the page's WebSockets received so far. */
export function receivedCount(page: Page, event: string): number {
  return (received.get(page) ?? []).filter((name) => name === event).length;
}

/** The accessible name of the cell at (`row`, `column`), counted from 1 as the label says. */
export function cellLabel(page: Page, row: number, column: number): Promise<string | null> {
  return cell(page, row, column).getAttribute('aria-label');
}

export function cell(page: Page, row: number, column: number) {
  return page.locator(`button[aria-label^="Row ${row}, column ${column}:"]`);
}

/** Waits until the cell reads `stage, clicks of 6 clicks`. */
export async function expectCell(
  page: Page,
  row: number,
  column: number,
  stage: string,
  clicks: number,
): Promise<void> {
  await expect
    .poll(() => cellLabel(page, row, column), { timeout: 10_000 })
    .toBe(`Row ${row}, column ${column}: ${stage}, ${clicks} of 6 clicks`);
}

/** Waits until the centre says `count` viewers. */
export async function expectViewers(page: Page, count: number): Promise<void> {
  await expect
    .poll(() => page.getByTestId('viewer-count').getAttribute('aria-label'), { timeout: 15_000 })
    .toBe(`${count} ${count === 1 ? 'viewer' : 'viewers'} here`);
}

/** Saves a screenshot of every open page, for a test that failed. */
export async function photographOpenPages(testName: string): Promise<void> {
  mkdirSync(FAILURE_DIR, { recursive: true });
  let n = 0;
  for (const page of openPages) {
    n += 1;
    const file = `${FAILURE_DIR}${testName.replace(/[^a-z0-9]+/gi, '-')}-${n}.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  }
}

/** Closes every page's context. */
export async function closeViewers(): Promise<void> {
  const contexts = new Set([...openPages].map((page) => page.context()));
  openPages.clear();
  for (const context of contexts) await context.close().catch(() => undefined);
}
