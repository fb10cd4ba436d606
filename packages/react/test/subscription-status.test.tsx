// @vitest-environment jsdom
// useSubscriptionStatus: a refused private channel reads `refused` while the connection and other channels carry on.
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EchoProvider, useConnectionStatus, useSubscriptionStatus } from '../src/index';
import { echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

/** The auth endpoint, except that it answers 403 for `private-secret`, as an app refusing a user would. */
const refusingSecret: typeof fetch = (input, init) =>
  typeof init?.body === 'string' && init.body.includes('channel_name=private-secret')
    ? Promise.resolve(new Response('{"error":"no"}', { status: 403 }))
    : fetch(input, init);

function Status({ channel }: { channel: string }) {
  const { state, error } = useSubscriptionStatus(channel);
  return <p data-testid={channel}>{`${state}|${error?.message ?? '-'}`}</p>;
}

function Connection() {
  return <p data-testid="connection">{useConnectionStatus()}</p>;
}

describe('useSubscriptionStatus', () => {
  it('reads subscribed for an authorized channel and refused, with the reason, for a refused one', async () => {
    const herald = echoFor('alice');
    const auth = {
      endpoint: `${servers.auth.url}/broadcasting/auth`,
      headers: { 'X-User-Id': 'alice' },
      fetch: refusingSecret,
    };
    const refusing = echoFor('alice', { auth });
    render(
      <>
        <EchoProvider echo={herald}>
          <Status channel="open" />
        </EchoProvider>
        <EchoProvider echo={refusing}>
          <Status channel="secret" />
          <Status channel="also-open" />
          <Connection />
        </EchoProvider>
      </>,
    );
    expect(screen.getByTestId('secret').textContent).toBe('subscribing|-');
    await waitFor(() => expect(screen.getByTestId('open').textContent).toBe('subscribed|-'));
    await waitFor(() =>
      expect(screen.getByTestId('secret').textContent).toBe(
        'refused|auth for private-secret answered 403',
      ),
    );
    await waitFor(() => expect(screen.getByTestId('also-open').textContent).toBe('subscribed|-'));
    expect(screen.getByTestId('connection').textContent).toBe('connected');
    expect(servers.herald.subscribeCount('private-secret')).toBe(0);
  });

  it('reads subscribing again while the connection is down, and subscribed once it is back', async () => {
    const herald = echoFor('alice');
    render(
      <EchoProvider echo={herald}>
        <Status channel="open" />
      </EchoProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('open').textContent).toBe('subscribed|-'));
    herald.disconnect();
    await waitFor(() => expect(screen.getByTestId('open').textContent).toBe('subscribing|-'));
    herald.connect();
    await until(() => herald.status.getSnapshot().state === 'connected', 'reconnected');
    await waitFor(() => expect(screen.getByTestId('open').textContent).toBe('subscribed|-'));
  });
});
