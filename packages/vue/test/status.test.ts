// @vitest-environment jsdom
// Connection composables, configureEcho without a plugin, notifications and model events, on a real server.
import { globalEchoHolder, type HeraldEcho } from '@herald/echo';
import { render, screen, waitFor } from '@testing-library/vue';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import {
  configureEcho,
  createEchoPlugin,
  echo,
  useConnection,
  useConnectionStatus,
  useEcho,
  useEchoHolder,
  useEchoModel,
  useEchoNotification,
  useSocketId,
} from '../src/index';
import { echoFor, laravelOptions, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

const Status = defineComponent({
  setup() {
    const status = useConnectionStatus();
    const socketId = useSocketId();
    const connection = useConnection();
    return () =>
      h(
        'p',
        { 'data-testid': 'status' },
        `${status.value}|${socketId.value ?? '-'}|${connection.value.attempt}|${connection.value.latencyMs === null ? 'no' : 'yes'}`,
      );
  },
});

const withEcho = (herald: HeraldEcho) => ({ global: { plugins: [createEchoPlugin(herald)] } });
const status = () => screen.getByTestId('status').textContent;

describe('connection composables', () => {
  it('read connecting, then connected with the socket id and a measured latency', async () => {
    const herald = echoFor();
    render(Status, withEcho(herald));
    expect(status()).toBe('connecting|-|0|no');
    await waitFor(() => expect(status()).toBe(`connected|${herald.socketId()}|0|yes`));
  });

  it('read disconnected after disconnect()', async () => {
    const herald = echoFor();
    render(Status, withEcho(herald));
    await waitFor(() => expect(status()).toMatch(/^connected/));
    herald.disconnect();
    await waitFor(() => expect(status()).toMatch(/^disconnected\|-\|/));
  });
});

describe('configureEcho', () => {
  afterEach(() => {
    globalEchoHolder.peek()?.disconnect();
  });

  it('drives the composables without a plugin, creating the echo only once mounted', async () => {
    configureEcho(laravelOptions('alice'));
    const got: number[] = [];
    const Orders = defineComponent({
      setup() {
        useEcho<{ id: number }>('orders', '.shipped', (e) => got.push(e.id));
        return () => h(Status);
      },
    });
    render(Orders);
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    expect(servers.herald.connections).toBe(1);
    await servers.herald.trigger('private-orders', 'shipped', { id: 3 });
    await until(() => got.length === 1, 'event');
    await waitFor(() => expect(status()).toBe(`connected|${echo().socketId()}|0|yes`));
  });

  it('a plugin wins over the global echo', () => {
    configureEcho(laravelOptions());
    const mine = echoFor();
    let seen: unknown;
    const Probe = defineComponent({
      setup() {
        seen = useEchoHolder().peek();
        return () => null;
      },
    });
    render(Probe, withEcho(mine));
    expect(seen).toBe(mine);
  });
});

describe('useEchoNotification and useEchoModel', () => {
  it('delivers only the notification types asked for, in either spelling', async () => {
    const got: string[] = [];
    const Bell = defineComponent({
      setup() {
        useEchoNotification<{ amount: number }>(
          'App.Models.User.1',
          (n) => got.push(`${n.type}:${n.amount}`),
          'App.Notifications.InvoicePaid',
        );
        return () => null;
      },
    });
    render(Bell, withEcho(echoFor()));
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
    const Profile = defineComponent({
      setup() {
        useEchoModel<{ name: string }, 'App.Models.User'>(
          'App.Models.User',
          7,
          ['UserUpdated'],
          (e) => got.push(e.model),
        );
        return () => null;
      },
    });
    render(Profile, withEcho(echoFor()));
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
