// The device relay end to end: the app in this process, real CLI device processes, and the page in
// Debian's Chromium through playwright-core. Page assertions read what a person (or a screen
// reader) finds: roles, labels and text.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RELAY_TIMINGS } from '../src/relay-wire';
import { startRelay, type Relay } from '../src/relay-server';
import { startDeviceProcess, type DeviceProcess } from './device-process';

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
const SCREENSHOT = new URL('../docs/screenshot.png', import.meta.url);
const FAILURES = new URL('./failures/', import.meta.url);
const SEEN = { timeout: 15_000 };
/** The README's promise: a silent device is offline this long after it was last heard from. */
const OFFLINE_WITHIN_MS = RELAY_TIMINGS.offlineAfterMs + RELAY_TIMINGS.sweepIntervalMs;

let relay: Relay;
let browser: Browser;
const pages = new Set<Page>();
const devices = new Set<DeviceProcess>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: run bash scripts/services.sh (it installs Debian's chromium) or set CHROMIUM_PATH`,
    );
  [relay, browser] = await Promise.all([
    startRelay(),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
});

// A failed test leaves a screenshot of every open page (test/failures/) and the devices' output.
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    mkdirSync(FAILURES, { recursive: true });
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
    await Promise.all(
      [...pages].map((page, i) =>
        page
          .screenshot({ path: new URL(`${name}-${i + 1}.png`, FAILURES).pathname })
          .catch(() => {}),
      ),
    );
    for (const device of devices) console.error(device.lines.join('\n'));
  }
  await Promise.all([...pages].map((page) => page.close()));
  pages.clear();
  await Promise.all([...devices].map((device) => device.stop('SIGKILL')));
  devices.clear();
});

afterAll(async () => {
  await browser?.close();
  await relay?.close();
});

function device(token: string, ...flags: string[]): DeviceProcess {
  const started = startDeviceProcess(['--app', relay.url, '--token', token, ...flags]);
  devices.add(started);
  return started;
}

async function openPage(viewport = { width: 1100, height: 720 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  pages.add(page);
  await page.goto(relay.url);
  await page.getByRole('status', { name: 'Connection: Connected' }).waitFor(SEEN);
  return page;
}

const card = (page: Page, name: string) => page.getByRole('region', { name });
const deviceState = (page: Page, name: string, state: 'online' | 'offline') =>
  card(page, name).getByRole('status', { name: `${name} is ${state}` });
const outputLines = (page: Page, name: string) =>
  page.getByRole('log', { name: `Output of ${name}` }).getByRole('listitem');
const shownSeqs = async (page: Page, name: string): Promise<number[]> =>
  (await outputLines(page, name).allInnerTexts()).map((text) => Number(/^#(\d+)/.exec(text)?.[1]));
const lastSeq = async (page: Page, name: string) => (await shownSeqs(page, name)).at(-1) ?? 0;

async function sendCommand(page: Page, name: string, command: string): Promise<void> {
  await page.getByLabel(`Command for ${name}`).fill(command);
  await card(page, name).getByRole('button', { name: 'Send' }).click();
}

describe('device relay', () => {
  it('a command from the page reaches the device, and its reply shows on the page', async () => {
    const press = device('demo-token-press-1', '--every-ms', '700');
    await press.waitForLine(/^subscribed to private-device\.press-1$/);
    const page = await openPage();
    await deviceState(page, 'Press 1', 'online').waitFor(SEEN);
    await deviceState(page, 'Press 2', 'offline').waitFor(SEEN);
    await outputLines(page, 'Press 1').filter({ hasText: 'temperature' }).first().waitFor(SEEN);

    await sendCommand(page, 'Press 1', 'ping');
    await press.waitForLine(/^command: ping$/);
    await outputLines(page, 'Press 1').filter({ hasText: 'reply to "ping": pong' }).waitFor(SEEN);
    await sendCommand(page, 'Press 1', 'echo hello from the page');
    await outputLines(page, 'Press 1')
      .filter({ hasText: 'reply to "echo hello from the page": hello from the page' })
      .waitFor(SEEN);
    expect(await page.getByLabel('Command for Press 1').inputValue()).toBe('');
    const seqs = await shownSeqs(page, 'Press 1');
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    // The README's picture: taken when missing, or when asked (UPDATE_SCREENSHOT=1), so runs leave git clean.
    if (!existsSync(SCREENSHOT) || process.env.UPDATE_SCREENSHOT === '1')
      await page.screenshot({ path: SCREENSHOT.pathname });

    // Press 2 is not running: the app says the command went nowhere, and the page says so.
    await sendCommand(page, 'Press 2', 'ping');
    await page
      .getByRole('alert')
      .filter({ hasText: 'Press 2 is not listening; the command was not delivered.' })
      .waitFor(SEEN);

    // Ctrl-C on the device: it says goodbye, and the page shows it offline at once.
    await press.stop('SIGTERM');
    await deviceState(page, 'Press 1', 'offline').waitFor({ timeout: 2000 });
  });

  it('the app restarts while the device keeps writing: the page shows every line, in order', async () => {
    const press = device('demo-token-press-1', '--every-ms', '50');
    await press.waitForLine(/^subscribed to private-device\.press-1$/);
    const page = await openPage();
    await expect.poll(() => lastSeq(page, 'Press 1'), SEEN).toBeGreaterThanOrEqual(20);

    const { port } = relay;
    await relay.close();
    // Down long enough for output to pile up in the device: five failed POSTs (about 2–4 s).
    await press.waitForLine(/^posting output failed, retrying/);
    await press.waitForLine(/^still retrying \(attempt 5,/);
    await page.getByRole('status', { name: /^Connection: (Reconnecting|Offline)/ }).waitFor(SEEN);
    const shownBeforeRestart = await lastSeq(page, 'Press 1');
    relay = await startRelay({ port });

    await press.waitForLine(/^the app is back$/);
    await page.getByRole('status', { name: 'Connection: Connected' }).waitFor({ timeout: 40_000 });
    await expect
      .poll(() => lastSeq(page, 'Press 1'), SEEN)
      .toBeGreaterThanOrEqual(shownBeforeRestart + 60);
    const seqs = await shownSeqs(page, 'Press 1');
    expect(seqs[0]).toBe(1);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(await card(page, 'Press 1').locator('.meta').innerText()).toContain('0 dropped');

    // The device's command channel is back too (it reconnected pusher-js when the app answered).
    await sendCommand(page, 'Press 1', 'ping');
    await outputLines(page, 'Press 1').filter({ hasText: 'reply to "ping": pong' }).waitFor(SEEN);
  });

  it(`a device that dies is shown offline within ${OFFLINE_WITHIN_MS} ms of its last heartbeat`, async () => {
    const press = device('demo-token-press-2', '--every-ms', '0');
    await press.waitForLine(/^subscribed to private-device\.press-2$/);
    const page = await openPage();
    await deviceState(page, 'Press 2', 'online').waitFor(SEEN);
    await press.stop('SIGKILL');
    // Counted from the kill, which is after the last heartbeat: at most OFFLINE_WITHIN_MS, plus up
    // to two seconds for the broadcast to reach the page on a loaded machine.
    await deviceState(page, 'Press 2', 'offline').waitFor({ timeout: OFFLINE_WITHIN_MS + 2000 });
  });

  it("refuses a device token on another device's channel", async () => {
    const intruder = device(
      'demo-token-press-1',
      '--every-ms',
      '0',
      '--channel',
      'private-device.press-2',
    );
    await intruder.waitForLine(/^refused on private-device\.press-2 \(status 403\)$/);

    // The same, as HTTP: the app signs press-1's token for its own channel only.
    const auth = (token: string | undefined, channel: string) =>
      fetch(`${relay.url}/broadcasting/auth`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body: new URLSearchParams({ socket_id: '123.456', channel_name: channel }),
      });
    expect((await auth('demo-token-press-1', 'private-device.press-2')).status).toBe(403);
    expect((await auth('not-a-token', 'private-device.press-1')).status).toBe(403);
    expect((await auth(undefined, 'private-device.press-1')).status).toBe(403);
    const own = await auth('demo-token-press-1', 'private-device.press-1');
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({
      auth: expect.stringMatching(/^device-relay-key:[0-9a-f]{64}$/),
    });
  });

  it('fits a phone screen: one column, no sideways scrolling', async () => {
    const page = await openPage({ width: 375, height: 740 });
    await card(page, 'Press 2').waitFor(SEEN);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const first = (await card(page, 'Press 1').boundingBox())!;
    const second = (await card(page, 'Press 2').boundingBox())!;
    expect(second.y).toBeGreaterThanOrEqual(first.y + first.height);
    const send = (await card(page, 'Press 1').getByRole('button', { name: 'Send' }).boundingBox())!;
    expect(send.x + send.width).toBeLessThanOrEqual(375);
  });
});
