import axios from 'axios';
import XMLHttpRequest from 'xhr2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  installAxiosInterceptor,
  installFetchInterceptor,
  installInertiaInterceptor,
  installXhrInterceptor,
  wrapFetch,
} from '../src';
import { echoFor } from './echo-harness';
import { AppUnderTest, HeraldUnderTest } from './test-server';
import { waitFor } from './wait-for';

describe('socket-id interceptors at a real HTTP endpoint', () => {
  let herald: HeraldUnderTest;
  let app: AppUnderTest;
  beforeEach(async () => {
    herald = new HeraldUnderTest();
    await herald.start();
    app = new AppUnderTest(herald);
    await app.start();
  });
  afterEach(async () => {
    await app.stop();
    await herald.stop();
  });

  async function connected() {
    const echo = echoFor(herald, app);
    const socketId = await waitFor(() => echo.status.getSnapshot().socketId ?? undefined);
    return { echo, socketId };
  }

  it('wrapFetch sends X-Socket-ID once connected, and no header before', async () => {
    const current: { id: string | undefined } = { id: undefined };
    const api = wrapFetch(fetch, () => current.id);
    await api(`${app.url}/echo`, { method: 'POST' });
    expect(app.requests.at(-1)?.headers['x-socket-id']).toBeUndefined();
    const { echo, socketId } = await connected();
    current.id = echo.socketId();
    await api(`${app.url}/echo`, { method: 'POST', headers: { 'X-Other': '1' } });
    expect(app.requests.at(-1)?.headers['x-socket-id']).toBe(socketId);
    expect(app.requests.at(-1)?.headers['x-other']).toBe('1');
  });

  it('wrapFetch keeps the headers of a Request and never overrides an explicit X-Socket-ID', async () => {
    const { echo, socketId } = await connected();
    const api = wrapFetch(fetch, echo);
    await api(
      new Request(`${app.url}/echo`, { method: 'POST', headers: { 'X-From-Request': 'yes' } }),
    );
    expect(app.requests.at(-1)?.headers).toMatchObject({
      'x-from-request': 'yes',
      'x-socket-id': socketId,
    });
    await api(`${app.url}/echo`, { method: 'POST', headers: { 'X-Socket-ID': 'mine' } });
    expect(app.requests.at(-1)?.headers['x-socket-id']).toBe('mine');
  });

  it('the global fetch patch adds the header and its uninstall restores fetch', async () => {
    const { echo, socketId } = await connected();
    const target = { fetch: globalThis.fetch };
    const original = target.fetch;
    const uninstall = installFetchInterceptor(echo, target);
    await target.fetch(`${app.url}/echo`, { method: 'POST' });
    expect(app.requests.at(-1)?.headers['x-socket-id']).toBe(socketId);
    uninstall();
    expect(target.fetch).toBe(original);
    await target.fetch(`${app.url}/echo`, { method: 'POST' });
    expect(app.requests.at(-1)?.headers['x-socket-id']).toBeUndefined();
  });

  it('the axios interceptor adds the header until ejected', async () => {
    const { echo, socketId } = await connected();
    const client = axios.create();
    const uninstall = installAxiosInterceptor(client, echo);
    await client.post(`${app.url}/echo`, {});
    expect(app.requests.at(-1)?.headers['x-socket-id']).toBe(socketId);
    uninstall();
    await client.post(`${app.url}/echo`, {});
    expect(app.requests.at(-1)?.headers['x-socket-id']).toBeUndefined();
  });

  it('the XMLHttpRequest patch adds the header until uninstalled', async () => {
    const { echo, socketId } = await connected();
    const send = (): Promise<void> =>
      new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${app.url}/echo`);
        xhr.onload = () => resolve();
        xhr.onerror = () => reject(new Error('xhr failed'));
        xhr.send('');
      });
    const uninstall = installXhrInterceptor(echo, XMLHttpRequest);
    await send();
    expect(app.requests.at(-1)?.headers['x-socket-id']).toBe(socketId);
    uninstall();
    await send();
    expect(app.requests.at(-1)?.headers['x-socket-id']).toBeUndefined();
  });

  it('the Inertia helper adds the header to each visit until removed', async () => {
    const { echo, socketId } = await connected();
    const listeners = new Set<
      (e: { detail: { visit: { headers: Record<string, string> } } }) => void
    >();
    const router = {
      on(
        _type: 'before',
        fn: (e: { detail: { visit: { headers: Record<string, string> } } }) => void,
      ) {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
    };
    const visit = async (): Promise<void> => {
      const event = { detail: { visit: { headers: {} as Record<string, string> } } };
      for (const fn of listeners) fn(event);
      await fetch(`${app.url}/echo`, { method: 'POST', headers: event.detail.visit.headers });
    };
    const uninstall = installInertiaInterceptor(router, echo);
    await visit();
    expect(app.requests.at(-1)?.headers['x-socket-id']).toBe(socketId);
    uninstall();
    await visit();
    expect(app.requests.at(-1)?.headers['x-socket-id']).toBeUndefined();
  });

  it('toOthers works end to end: the sender is excluded, other clients receive', async () => {
    const sender = echoFor(herald, app);
    const other = echoFor(herald, app);
    const toSender: unknown[] = [];
    const toOther: unknown[] = [];
    sender.channels.acquire('orders').listen('.order.created', (e) => toSender.push(e));
    other.channels.acquire('orders').listen('.order.created', (e) => toOther.push(e));
    await waitFor(() => herald.subscribeCount('orders') === 2);
    const api = wrapFetch(fetch, sender);
    await api(`${app.url}/orders`, { method: 'POST', body: JSON.stringify({ n: 1 }) });
    // Published without a socket id, so it reaches both; the sender's first event must not precede it.
    await fetch(`${app.url}/orders`, { method: 'POST', body: JSON.stringify({ n: 2 }) });
    await waitFor(() => toOther.length === 2 && toSender.length === 1);
    expect(toOther).toEqual([{ n: 1 }, { n: 2 }]);
    expect(toSender).toEqual([{ n: 2 }]);
  });
});
