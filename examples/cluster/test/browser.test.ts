// The cluster in a real browser: Debian's Chromium through playwright-core, one browser context per
// person, three node processes on one Redis behind the round-robin proxy. Assertions read what a
// person sees (roster names, message texts, the connection badge); the nodes' /metrics show the
// cluster's side of a node's death.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { Redis } from 'ioredis';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../src/cluster';

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
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SCREENSHOT = new URL('../docs/screenshot.png', import.meta.url);
const FAILURES = new URL('./failures/', import.meta.url);
const SEEN = { timeout: 15_000 };
// A random prefix per run: its own bus channels and history keys on the shared Redis.
const PREFIX = `herald-cluster-test-${randomBytes(4).toString('hex')}`;

let cluster: Cluster;
let browser: Browser;
const contexts = new Set<BrowserContext>();
/** The URL of every request each page made, to tell which node holds an HTTP fallback session. */
const requestsOf = new WeakMap<Page, string[]>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: run bash scripts/services.sh (it installs Debian's chromium) or set CHROMIUM_PATH`,
    );
  [cluster, browser] = await Promise.all([
    startCluster({ redisUrl: REDIS_URL, prefix: PREFIX }),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
}, 120_000);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    mkdirSync(FAILURES, { recursive: true });
    const pages = [...contexts].flatMap((context) => context.pages());
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
    await Promise.all(
      pages.map((page, i) =>
        page
          .screenshot({ path: new URL(`${name}-${i + 1}.png`, FAILURES).pathname })
          .catch(() => {}),
      ),
    );
    for (const node of cluster.nodes) console.log(node.lines.join('\n'));
  }
  await Promise.all([...contexts].map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await cluster?.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

/** A person: their own browser context (own cookies), signed in and connected, in `room`. */
async function signIn(
  name: string,
  room: string,
  { hasWebSocket = true }: { hasWebSocket?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  contexts.add(context);
  context.on('close', () => contexts.delete(context));
  // Without `window.WebSocket`, as behind a proxy that strips it: pusher-js goes to HTTP.
  if (!hasWebSocket) {
    await context.addInitScript(() => {
      delete (window as { WebSocket?: unknown }).WebSocket;
    });
  }
  const page = await context.newPage();
  const requests: string[] = [];
  requestsOf.set(page, requests);
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${cluster.url}/#/room/${room}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join the chat' }).click();
  await connected(page).waitFor(SEEN);
  return page;
}

/**
 * Reloads `page` until its WebSocket went through the proxy to a node `accepts` (the proxy counts
 * upgrades per node), so a test knows which node each person is on. Returns that node's index.
 */
async function placeOn(page: Page, accepts: (node: number) => boolean): Promise<number> {
  for (let attempt = 0; attempt < 12; attempt++) {
    const node = cluster.proxy.webSockets.at(-1)!;
    if (accepts(node)) return node;
    await page.reload();
    await connected(page).waitFor(SEEN);
  }
  throw new Error('the proxy never sent this page to the wanted node');
}

/** The node `page`'s latest HTTP fallback request went to directly, after the session rebound. */
function sessionNodeOf(page: Page): number {
  const hosts = cluster.nodes.map((node) => new URL(node.url).host);
  const last = requestsOf
    .get(page)!
    .map((url) => hosts.indexOf(new URL(url).host))
    .filter((node) => node >= 0)
    .at(-1);
  if (last === undefined) throw new Error('this page sent no request to a node directly');
  return last;
}

const connected = (page: Page) => page.getByRole('status', { name: 'Connection: Connected' });
const messages = (page: Page, room: string) =>
  page.getByRole('log', { name: `Messages in #${room}` }).getByRole('listitem');
const memberNames = (page: Page, room: string) =>
  page
    .getByRole('list', { name: `Members of #${room}` })
    .locator('.member-name')
    .allInnerTexts();
const composer = (page: Page, room: string) => page.getByLabel(`Message #${room}`);

async function send(page: Page, text: string, room: string): Promise<void> {
  await composer(page, room).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

/** One sample of a node's /metrics, e.g. `herald_cluster_peers`. */
async function metric(metricsUrl: string, name: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return match === null ? Number.NaN : Number(match[1]);
}

describe('three chat nodes on one Redis, in Chromium', () => {
  it('two people on different nodes see each other, typing and messages', async () => {
    const ada = await signIn('Ada', 'general');
    const adaNode = await placeOn(ada, () => true);
    const bob = await signIn('Bob', 'general');
    await placeOn(bob, (node) => node !== adaNode);
    for (const page of [ada, bob]) {
      await expect
        .poll(() => memberNames(page, 'general'), SEEN)
        .toEqual(page === ada ? ['Ada (you)', 'Bob'] : ['Ada', 'Bob (you)']);
    }
    await composer(ada, 'general').pressSequentially('Hel');
    await bob.getByText('Ada is typing…').waitFor(SEEN);
    await send(ada, 'Hello from one node', 'general');
    await messages(bob, 'general').filter({ hasText: 'Hello from one node' }).waitFor(SEEN);
    await send(bob, 'Hi from another', 'general');
    await messages(ada, 'general').filter({ hasText: 'Hi from another' }).waitFor(SEEN);
    // History is in Redis: a reload lands on another node and still shows both messages.
    await bob.reload();
    await connected(bob).waitFor(SEEN);
    await expect
      .poll(() => messages(bob, 'general').allInnerTexts(), SEEN)
      .toEqual([
        expect.stringContaining('Hello from one node'),
        expect.stringContaining('Hi from another'),
      ]);
  });

  it('a page without WebSocket keeps its HTTP session on one node past the round-robin proxy and chats with a page on ws', async () => {
    const ada = await signIn('Ada', 'random', { hasWebSocket: false });
    const bob = await signIn('Bob', 'random');
    expect(await connected(ada).getAttribute('data-transport')).toBe('xhr_streaming');
    expect(await connected(bob).getAttribute('data-transport')).toBe('ws');
    for (const page of [ada, bob]) {
      await expect
        .poll(() => memberNames(page, 'random'), SEEN)
        .toEqual(page === ada ? ['Ada (you)', 'Bob'] : ['Ada', 'Bob (you)']);
    }
    await composer(ada, 'random').pressSequentially('Hi');
    await bob.getByText('Ada is typing…').waitFor(SEEN);
    await send(bob, 'Sent over ws', 'random');
    await messages(ada, 'random').filter({ hasText: 'Sent over ws' }).waitFor(SEEN);
    await send(ada, 'Sent over HTTP', 'random');
    await messages(bob, 'random').filter({ hasText: 'Sent over HTTP' }).waitFor(SEEN);
  });

  it('a node is killed mid-chat: its pages reconnect to the others, its lost member leaves, messages keep arriving', async () => {
    // Cy and Ada on the node that will die, Bob on another. Cy's browser will not get back.
    const cy = await signIn('Cy', 'help');
    const doomed = await placeOn(cy, () => true);
    const ada = await signIn('Ada', 'help');
    await placeOn(ada, (node) => node === doomed);
    const bob = await signIn('Bob', 'help');
    await placeOn(bob, (node) => node !== doomed);
    for (const [page, me] of [
      [ada, 'Ada'],
      [bob, 'Bob'],
      [cy, 'Cy'],
    ] as const) {
      await expect
        .poll(() => memberNames(page, 'help'), SEEN)
        .toEqual(['Ada', 'Bob', 'Cy'].map((name) => (name === me ? `${name} (you)` : name)));
    }
    // Cy's browser loses the network with the node: no WebSocket and no HTTP fallback gets through.
    await cy.context().routeWebSocket(/.*/, (ws) => ws.close());
    await cy.context().route('**/pusher/**', (route) => route.abort());

    // What Ada's connection badge says, every change of it, from here on.
    await ada.evaluate(() => {
      const seen: string[] = [];
      (window as { badgeSeen?: string[] }).badgeSeen = seen;
      const badge = document.querySelector('.badge')!;
      new MutationObserver(() => seen.push(badge.getAttribute('aria-label') ?? '')).observe(badge, {
        attributes: true,
        attributeFilter: ['aria-label'],
      });
    });
    const dead = cluster.nodes[doomed]!;
    const survivors = cluster.nodes.filter((node) => node !== dead);
    await dead.kill();
    await send(ada, 'Ada, as her node died', 'help');
    await send(bob, 'Bob, during the failover', 'help');

    // Ada's page reconnects through the proxy to a live node by itself; Cy's member is removed
    // by the survivors once the dead node misses its heartbeats (nodeTimeoutMs 2 s).
    await expect
      .poll(() => ada.evaluate(() => (window as { badgeSeen?: string[] }).badgeSeen), SEEN)
      .toContainEqual(expect.stringMatching(/^Connection: (Connecting|Reconnecting|Offline)/));
    await connected(ada).waitFor(SEEN);
    await expect.poll(() => memberNames(ada, 'help'), SEEN).toEqual(['Ada (you)', 'Bob']);
    await expect.poll(() => memberNames(bob, 'help'), SEEN).toEqual(['Ada', 'Bob (you)']);
    await messages(bob, 'help').filter({ hasText: 'Ada, as her node died' }).waitFor(SEEN);
    await messages(ada, 'help').filter({ hasText: 'Bob, during the failover' }).waitFor(SEEN);
    await send(ada, 'Still here, on another node', 'help');
    await messages(bob, 'help').filter({ hasText: 'Still here, on another node' }).waitFor(SEEN);
    await send(bob, 'Welcome back', 'help');
    await messages(ada, 'help').filter({ hasText: 'Welcome back' }).waitFor(SEEN);
    for (const text of ['Ada, as her node died', 'Bob, during the failover']) {
      expect(await messages(ada, 'help').filter({ hasText: text }).count()).toBe(1);
      expect(await messages(bob, 'help').filter({ hasText: text }).count()).toBe(1);
    }

    for (const node of survivors) {
      await expect.poll(() => metric(node.metricsUrl, 'herald_cluster_peers'), SEEN).toBe(1);
      expect(await metric(node.metricsUrl, 'herald_node_removals_total')).toBe(1);
    }
    if (!existsSync(SCREENSHOT) || process.env.UPDATE_SCREENSHOT === '1')
      await ada.screenshot({ path: SCREENSHOT.pathname });
  });

  it('a page on the HTTP fallback whose node dies opens a new session through the proxy', async () => {
    const dee = await signIn('Dee', 'general', { hasWebSocket: false });
    const eve = await signIn('Eve', 'general');
    await expect.poll(() => memberNames(eve, 'general'), SEEN).toEqual(['Dee', 'Eve (you)']);
    const doomed = sessionNodeOf(dee);
    await cluster.nodes[doomed]!.kill();
    await send(dee, 'Dee, as her node died', 'general');

    await expect.poll(() => sessionNodeOf(dee), SEEN).not.toBe(doomed);
    await connected(dee).waitFor(SEEN);
    expect(await connected(dee).getAttribute('data-transport')).toBe('xhr_streaming');
    await expect.poll(() => memberNames(dee, 'general'), SEEN).toEqual(['Dee (you)', 'Eve']);
    await expect.poll(() => memberNames(eve, 'general'), SEEN).toEqual(['Dee', 'Eve (you)']);
    await messages(eve, 'general').filter({ hasText: 'Dee, as her node died' }).waitFor(SEEN);
    await send(eve, 'Got it', 'general');
    await messages(dee, 'general').filter({ hasText: 'Got it' }).waitFor(SEEN);
  });
});
