// Conformance: the rest of Pusher protocol 7 — encrypted and cache channels, subscription_count,
// user sign-in with server-to-user events and watchlists, terminating users, origins.
import { createHmac, randomBytes } from 'node:crypto';
import Pusher from 'pusher';
import PusherClient, { type Channel } from 'pusher-js';
import { describe, expect } from 'vitest';
import { startHarness } from '../harness';
import { connectRaw } from '../raw-client';
import { nextEvent, whenConnected, whenSubscribed } from '../pusher-client';
import { testApp } from '../test-apps';
import { waitFor } from '../wait-for';
import type { SuiteContext } from './suite-context';

/** Conformance area: the protocol features beyond public/private/presence. */
export function extensionsSuite({ target, test }: SuiteContext): void {
  describe('protocol extensions', () => {
    test('passes end-to-end encrypted payloads through untouched; pusher-js decrypts them', async () => {
      const h = await startHarness(target);
      const masterKey = randomBytes(32).toString('base64');
      const sdk = new Pusher({
        appId: h.app.id,
        key: h.app.key,
        secret: h.app.secret,
        host: h.server.host,
        port: String(h.server.port),
        encryptionMasterKeyBase64: masterKey,
      });
      const client = new PusherClient(h.app.key, {
        wsHost: h.server.host,
        wsPort: h.server.port,
        forceTLS: false,
        enabledTransports: ['ws'],
        cluster: '',
        disableStats: true,
        channelAuthorization: {
          customHandler: ({ socketId, channelName }, cb) =>
            cb(null, sdk.authorizeChannel(socketId, channelName)),
        },
      });
      try {
        const channel = client.subscribe('private-encrypted-vault');
        await whenSubscribed(channel);
        const received = nextEvent<{ secret: string }>(channel, 'sealed');
        await sdk.trigger('private-encrypted-vault', 'sealed', { secret: 'plain text' });
        expect(await received).toEqual({ secret: 'plain text' });
        // Nothing readable crossed the server: a raw subscriber sees only ciphertext.
        const raw = await h.connect();
        raw.client.send({
          event: 'pusher:subscribe',
          data: {
            channel: 'private-encrypted-vault',
            auth: sdk.authorizeChannel(raw.socketId, 'private-encrypted-vault').auth,
          },
        });
        await raw.client.next('pusher_internal:subscription_succeeded');
        await sdk.trigger('private-encrypted-vault', 'sealed', { secret: 'plain text' });
        const sealed = await raw.client.next('sealed');
        expect(sealed.text).not.toContain('plain text');
        expect(JSON.parse(sealed.data as string)).toEqual({
          nonce: expect.any(String) as unknown,
          ciphertext: expect.any(String) as unknown,
        });
      } finally {
        client.disconnect();
      }
    });

    test('refuses client events on encrypted channels with 4302', async () => {
      const h = await startHarness(target);
      const raw = await h.connect();
      // Encrypted channels authorize like private ones; the shared secret is the client's business.
      const auth = `${h.app.key}:${signFor(h.app.secret, `${raw.socketId}:private-encrypted-vault`)}`;
      raw.client.send({
        event: 'pusher:subscribe',
        data: { channel: 'private-encrypted-vault', auth },
      });
      await raw.client.next('pusher_internal:subscription_succeeded');
      raw.client.send({ event: 'client-x', channel: 'private-encrypted-vault', data: {} });
      const error = await raw.client.next('pusher:error');
      expect(error.data).toEqual({
        code: 4302,
        message: expect.stringContaining('private and presence') as unknown,
      });
    });

    test('sends pusher:cache_miss, then the last API event to later subscribers of a cache channel', async () => {
      const h = await startHarness(target);
      const first = await h.connect();
      await h.subscribe(first, 'cache-prices');
      const miss = await first.client.next('pusher:cache_miss');
      expect(miss.json).toEqual({ event: 'pusher:cache_miss', channel: 'cache-prices' });
      await h.publisher().trigger('cache-prices', 'price', { eur: 1 });
      await h.publisher().trigger('cache-prices', 'price', { eur: 2 });
      const client = await h.pusher();
      const channel = client.subscribe('cache-prices');
      expect(await nextEvent(channel, 'price')).toEqual({ eur: 2 });
      const info = await h
        .publisher()
        .get({ path: '/channels/cache-prices', params: { info: 'cache' } });
      expect(await info.json()).toMatchObject({
        occupied: true,
        cache: { event: 'price', data: '{"eur":2}' },
      });
    });

    test('tells pusher-js the subscription_count when the app enables it', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ subscriptionCount: true })],
        subscriptionCountThrottleMs: 50,
      });
      const a = await h.pusher();
      const b = await h.pusher();
      const channelA = a.subscribe('lobby');
      await whenSubscribed(channelA);
      const countEvent = new Promise<{ subscription_count: number }>((resolve) =>
        channelA.bind('pusher:subscription_count', (data: { subscription_count: number }) => {
          if (data.subscription_count === 2) resolve(data);
        }),
      );
      await whenSubscribed(b.subscribe('lobby'));
      expect(await countEvent).toEqual({ subscription_count: 2 });
      expect(channelA.subscriptionCount).toBe(2);
    });

    test('signs a user in, delivers sendToUser to every socket of that user only, and terminates them', async () => {
      const h = await startHarness(target);
      const sdk = h.publisher();
      const signedIn = (id: string) => {
        const client = new PusherClient(h.app.key, {
          wsHost: h.server.host,
          wsPort: h.server.port,
          forceTLS: false,
          enabledTransports: ['ws'],
          cluster: '',
          disableStats: true,
          userAuthentication: {
            customHandler: ({ socketId }, cb) => cb(null, sdk.authenticateUser(socketId, { id })),
          },
        });
        client.signin();
        return client;
      };
      const tabs = [signedIn('ann'), signedIn('ann')];
      const other = signedIn('bob');
      try {
        await Promise.all([...tabs, other].map((c) => whenConnected(c)));
        await waitFor(() =>
          [...tabs, other].every(
            (c) =>
              (c.user as unknown as { serverToUserChannel?: Channel }).serverToUserChannel
                ?.subscribed,
          ),
        );
        const got = tabs.map((tab) => new Promise((resolve) => tab.user.bind('note', resolve)));
        let bobGot = false;
        other.user.bind('note', () => (bobGot = true));
        await sdk.sendToUser('ann', 'note', { text: 'hi' });
        expect(await Promise.all(got)).toEqual([{ text: 'hi' }, { text: 'hi' }]);
        await sdk.sendToUser('bob', 'note', { text: 'yours' });
        await waitFor(() => bobGot);
        type ErrorEvent = { data?: { code?: number }; error?: { data?: { code?: number } } };
        const closed = tabs.map(
          (tab) =>
            new Promise<number>((resolve) =>
              tab.connection.bind('error', (e: ErrorEvent) =>
                resolve(e.data?.code ?? e.error?.data?.code ?? 0),
              ),
            ),
        );
        await sdk.terminateUserConnections('ann');
        expect(await Promise.all(closed)).toEqual([4009, 4009]);
        expect(other.connection.state).toBe('connected');
      } finally {
        for (const c of [...tabs, other]) c.disconnect();
      }
    });

    test('terminates the pusher-js connections present as a user on a presence channel, without signin (as Reverb)', async () => {
      const h = await startHarness(target);
      const tabs = await Promise.all([0, 1].map(() => h.pusher({ user: { user_id: 'ann' } })));
      const other = await h.pusher({ user: { user_id: 'bob' } });
      await Promise.all([...tabs, other].map((c) => whenSubscribed(c.subscribe('presence-room'))));
      type ErrorEvent = { data?: { code?: number }; error?: { data?: { code?: number } } };
      const closed = tabs.map(
        (tab) =>
          new Promise<number>((resolve) =>
            tab.connection.bind('error', (e: ErrorEvent) =>
              resolve(e.data?.code ?? e.error?.data?.code ?? 0),
            ),
          ),
      );
      const left = nextEvent(other.channel('presence-room'), 'pusher:member_removed');
      await h.publisher().terminateUserConnections('ann');
      expect(await Promise.all(closed)).toEqual([4009, 4009]);
      expect(await left).toMatchObject({ id: 'ann' });
      expect(other.connection.state).toBe('connected');
    });

    test('reports watched users online and offline to pusher-js', async () => {
      const h = await startHarness(target);
      const sdk = h.publisher();
      const connect = (id: string, watchlist?: string[]) => {
        const client = new PusherClient(h.app.key, {
          wsHost: h.server.host,
          wsPort: h.server.port,
          forceTLS: false,
          enabledTransports: ['ws'],
          cluster: '',
          disableStats: true,
          userAuthentication: {
            customHandler: ({ socketId }, cb) =>
              cb(null, sdk.authenticateUser(socketId, watchlist ? { id, watchlist } : { id })),
          },
        });
        return client;
      };
      const bob = connect('bob');
      bob.signin();
      await whenConnected(bob);
      const watcher = connect('w', ['bob', 'cat']);
      const events: Array<{ name: string; user_ids: string[] }> = [];
      watcher.user.watchlist.bind('online', (e: { name: string; user_ids: string[] }) =>
        events.push(e),
      );
      watcher.user.watchlist.bind('offline', (e: { name: string; user_ids: string[] }) =>
        events.push(e),
      );
      watcher.signin();
      try {
        await waitFor(() => events.length === 1);
        expect(events[0]).toEqual({ name: 'online', user_ids: ['bob'] });
        bob.disconnect();
        await waitFor(() => events.length === 2);
        expect(events[1]).toEqual({ name: 'offline', user_ids: ['bob'] });
      } finally {
        watcher.disconnect();
        bob.disconnect();
      }
    });

    test('refuses a browser origin outside allowedOrigins with 4009 and closes it', async () => {
      const h = await startHarness(target, {
        apps: [testApp({ allowedOrigins: ['https://*.example.com'] })],
      });
      const refused = await connectRaw(h.wsUrl(), { headers: { origin: 'https://evil.test' } });
      const error = await refused.next('pusher:error');
      expect((error.data as { code: number }).code).toBe(4009);
      expect((await refused.closed).code).toBe(4009);
      const allowed = await connectRaw(h.wsUrl(), {
        headers: { origin: 'https://app.example.com' },
      });
      await allowed.next('pusher:connection_established');
      await allowed.close();
    });
  });
}

function signFor(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}
