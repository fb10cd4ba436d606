// @vitest-environment jsdom
// Connection hooks, configureEcho without a provider, notifications and model events, on a real server.
import { globalEchoHolder } from '@herald/echo';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  configureEcho,
  echo,
  EchoProvider,
  useConnection,
  useConnectionStatus,
  useEcho,
  useEchoModel,
  useEchoNotification,
  useSocketId,
} from '../src/index';
import { useEchoHolder } from '../src/provider';
import { echoFor, laravelOptions, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

function Status() {
  const status = useConnectionStatus();
  const socketId = useSocketId();
  const { attempt, latencyMs } = useConnection();
  return (
    <p data-testid="status">{`${status}|${socketId ?? '-'}|${attempt}|${latencyMs === null ? 'no' : 'yes'}`}</p>
  );
}

describe('connection hooks', () => {
  it('read connecting, then connected with the socket id and a measured latency', async () => {
    const herald = echoFor();
    render(
      <EchoProvider echo={herald}>
        <Status />
      </EchoProvider>,
    );
    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toBe(`connected|${herald.socketId()}|0|yes`),
    );
  });

  it('read disconnected after disconnect()', async () => {
    const herald = echoFor();
    render(
      <EchoProvider echo={herald}>
        <Status />
      </EchoProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^connected/));
    herald.disconnect();
    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toMatch(/^disconnected\|-\|/),
    );
  });
});

describe('configureEcho', () => {
  afterEach(() => {
    globalEchoHolder.peek()?.disconnect();
  });

  it('drives the hooks without a provider, creating the echo only once mounted', async () => {
    configureEcho(laravelOptions('alice'));
    const got: number[] = [];
    function Orders() {
      useEcho<{ id: number }>('orders', '.shipped', (e) => got.push(e.id));
      return <Status />;
    }
    render(<Orders />);
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    expect(servers.herald.connections).toBe(1);
    await servers.herald.trigger('private-orders', 'shipped', { id: 3 });
    await until(() => got.length === 1, 'event');
    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toBe(`connected|${echo().socketId()}|0|yes`),
    );
  });

  it('a provider wins over the global echo', () => {
    configureEcho(laravelOptions());
    const mine = echoFor();
    let seen: unknown;
    function Probe() {
      seen = useEchoHolder().peek();
      return null;
    }
    render(
      <EchoProvider echo={mine}>
        <Probe />
      </EchoProvider>,
    );
    expect(seen).toBe(mine);
  });
});

describe('useEchoNotification and useEchoModel', () => {
  it('delivers only the notification types asked for, in either spelling', async () => {
    const got: string[] = [];
    function Bell() {
      useEchoNotification<{ amount: number }>(
        'App.Models.User.1',
        (n) => got.push(`${n.type}:${n.amount}`),
        'App.Notifications.InvoicePaid',
      );
      return null;
    }
    render(
      <EchoProvider echo={echoFor()}>
        <Bell />
      </EchoProvider>,
    );
    await until(
      () => servers.herald.subscribeCount('private-App.Models.User.1') === 1,
      'subscribed',
    );
    const event = 'Illuminate\\Notifications\\Events\\BroadcastNotificationCreated';
    await servers.herald.trigger('private-App.Models.User.1', event, {
      id: 'n1',
      type: 'App\\Notifications\\Other',
      amount: 1,
    });
    await servers.herald.trigger('private-App.Models.User.1', event, {
      id: 'n2',
      type: 'App\\Notifications\\InvoicePaid',
      amount: 2,
    });
    await until(() => got.length === 1, 'notification');
    expect(got).toEqual(['App\\Notifications\\InvoicePaid:2']);
  });

  it('delivers model events on the model channel', async () => {
    const got: unknown[] = [];
    function Profile() {
      useEchoModel<{ name: string }, 'App.Models.User'>(
        'App.Models.User',
        7,
        ['UserUpdated'],
        (e) => got.push(e.model),
      );
      return null;
    }
    render(
      <EchoProvider echo={echoFor()}>
        <Profile />
      </EchoProvider>,
    );
    await until(
      () => servers.herald.subscribeCount('private-App.Models.User.7') === 1,
      'subscribed',
    );
    await servers.herald.trigger('private-App.Models.User.7', 'UserUpdated', {
      model: { name: 'Ada' },
      connection: null,
      queue: null,
      afterCommit: false,
    });
    await until(() => got.length === 1, 'model event');
    expect(got).toEqual([{ name: 'Ada' }]);
  });
});
