// @vitest-environment jsdom
// useSubscriptionStatus: a refused private channel reads `refused` while the connection and other channels carry on.
import type { HeraldEcho } from '@herald/echo';
import { render, screen, waitFor } from '@testing-library/vue';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, type PropType } from 'vue';
import {
  createEchoPlugin,
  provideEcho,
  useConnectionStatus,
  useSubscriptionStatus,
} from '../src/index';
import { echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

/** The auth endpoint, except that it answers 403 for `private-secret`, as an app refusing a user would. */
const refusingSecret: typeof fetch = (input, init) =>
  typeof init?.body === 'string' && init.body.includes('channel_name=private-secret')
    ? Promise.resolve(new Response('{"error":"no"}', { status: 403 }))
    : fetch(input, init);

const WithEcho = defineComponent({
  props: { echo: { type: Object as PropType<HeraldEcho>, required: true } },
  setup(props, { slots }) {
    provideEcho(props.echo);
    return () => slots.default?.();
  },
});

const Status = defineComponent({
  props: { channel: { type: String, required: true } },
  setup(props) {
    const { state, error } = useSubscriptionStatus(props.channel);
    return () =>
      h('p', { 'data-testid': props.channel }, `${state.value}|${error.value?.message ?? '-'}`);
  },
});

const Connection = defineComponent({
  setup() {
    const status = useConnectionStatus();
    return () => h('p', { 'data-testid': 'connection' }, status.value);
  },
});

const text = (id: string) => screen.getByTestId(id).textContent;

describe('useSubscriptionStatus', () => {
  it('reads subscribed for an authorized channel and refused, with the reason, for a refused one', async () => {
    const herald = echoFor('alice');
    const auth = {
      endpoint: `${servers.auth.url}/broadcasting/auth`,
      headers: { 'X-User-Id': 'alice' },
      fetch: refusingSecret,
    };
    const refusing = echoFor('alice', { auth });
    const Page = defineComponent({
      setup: () => () =>
        h('div', [
          h(WithEcho, { echo: herald }, () => h(Status, { channel: 'open' })),
          h(WithEcho, { echo: refusing }, () => [
            h(Status, { channel: 'secret' }),
            h(Status, { channel: 'also-open' }),
            h(Connection),
          ]),
        ]),
    });
    render(Page);
    expect(text('secret')).toBe('subscribing|-');
    await waitFor(() => expect(text('open')).toBe('subscribed|-'));
    await waitFor(() =>
      expect(text('secret')).toBe('refused|auth for private-secret answered 403'),
    );
    await waitFor(() => expect(text('also-open')).toBe('subscribed|-'));
    expect(text('connection')).toBe('connected');
    expect(servers.herald.subscribeCount('private-secret')).toBe(0);
  });

  it('reads subscribing again while the connection is down, and subscribed once it is back', async () => {
    const herald = echoFor('alice');
    render(Status, { props: { channel: 'open' }, global: { plugins: [createEchoPlugin(herald)] } });
    await waitFor(() => expect(text('open')).toBe('subscribed|-'));
    herald.disconnect();
    await waitFor(() => expect(text('open')).toBe('subscribing|-'));
    herald.connect();
    await until(() => herald.status.getSnapshot().state === 'connected', 'reconnected');
    await waitFor(() => expect(text('open')).toBe('subscribed|-'));
  });
});
