// @vitest-environment jsdom
// The Echo composables against a real Herald server and real pusher-js, counting frames and auth requests there.
import type { HeraldEcho } from '@herald/echo';
import { fireEvent, render, screen } from '@testing-library/vue';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref, type PropType } from 'vue';
import { createEchoPlugin, useChannel, useEcho, useEchoPublic } from '../src/index';
import { barrier, echoFor, servers, until, useServers } from '@herald/test-kit/hooks';

useServers();

const Orders = defineComponent({
  props: {
    onShipped: { type: Function as PropType<(e: { id: number }) => void>, required: true },
    label: { type: String, default: 'orders' },
    deps: { type: Array as PropType<unknown[]>, default: () => [] },
  },
  setup(props) {
    const { leave, stopListening, listen } = useEcho<{ id: number }>(
      'orders',
      '.shipped',
      (e) => props.onShipped(e),
      props.deps,
    );
    return () =>
      h('div', [
        h('button', { onClick: leave }, `leave ${props.label}`),
        h('button', { onClick: stopListening }, `stop ${props.label}`),
        h('button', { onClick: listen }, `listen ${props.label}`),
      ]);
  },
});

const withEcho = (echo: HeraldEcho) => ({ global: { plugins: [createEchoPlugin(echo)] } });

describe('useEcho', () => {
  it('a new callback or changed dependencies cost no unsubscribe, no subscribe and no auth request', async () => {
    const echo = echoFor();
    const calls: string[] = [];
    const tag = ref('first');
    const Page = defineComponent({
      setup() {
        return () =>
          h(Orders, {
            onShipped: (e: { id: number }) => calls.push(`${tag.value}:${e.id}`),
            deps: [tag.value],
          });
      },
    });
    render(Page, withEcho(echo));
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    tag.value = 'second';
    await nextTick();
    tag.value = 'third';
    await nextTick();
    await barrier(echo);
    expect(servers.herald.subscribeCount('private-orders')).toBe(1);
    expect(servers.herald.unsubscribeCount('private-orders')).toBe(0);
    expect(servers.auth.authRequests('private-orders')).toBe(1);
    await servers.herald.trigger('private-orders', 'shipped', { id: 1 });
    await until(() => calls.length === 1, 'event');
    expect(calls).toEqual(['third:1']);
  });

  it("two components share one subscription; unmounting one keeps the other's listener", async () => {
    const echo = echoFor();
    const a: number[] = [];
    const b: number[] = [];
    const showA = ref(true);
    const Page = defineComponent({
      setup() {
        return () =>
          h('div', [
            showA.value
              ? h(Orders, { onShipped: (e: { id: number }) => a.push(e.id), label: 'a' })
              : null,
            h(Orders, { onShipped: (e: { id: number }) => b.push(e.id), label: 'b' }),
          ]);
      },
    });
    render(Page, withEcho(echo));
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    showA.value = false;
    await nextTick();
    await barrier(echo);
    expect(servers.herald.unsubscribeCount('private-orders')).toBe(0);
    expect(servers.auth.authRequests('private-orders')).toBe(1);
    await servers.herald.trigger('private-orders', 'shipped', { id: 1 });
    await until(() => b.length === 1, 'b receives');
    expect(a).toEqual([]);
  });

  it('unmount and remount in one tick (v-if flip) costs no unsubscribe and no new auth request', async () => {
    const echo = echoFor();
    const got: number[] = [];
    const key = ref(0);
    const Page = defineComponent({
      setup() {
        return () =>
          h(Orders, { key: key.value, onShipped: (e: { id: number }) => got.push(e.id) });
      },
    });
    render(Page, withEcho(echo));
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    key.value += 1;
    await nextTick();
    await barrier(echo);
    expect(servers.herald.unsubscribeCount('private-orders')).toBe(0);
    expect(servers.herald.subscribeCount('private-orders')).toBe(1);
    expect(servers.auth.authRequests('private-orders')).toBe(1);
    await servers.herald.trigger('private-orders', 'shipped', { id: 5 });
    await until(() => got.length === 1, 'event');
    expect(got).toEqual([5]);
  });

  it('leave() from one component does not silence the other; the last one out leaves the channel', async () => {
    const echo = echoFor();
    const a: number[] = [];
    const b: number[] = [];
    const Page = defineComponent({
      setup() {
        return () =>
          h('div', [
            h(Orders, { onShipped: (e: { id: number }) => a.push(e.id), label: 'a' }),
            h(Orders, { onShipped: (e: { id: number }) => b.push(e.id), label: 'b' }),
          ]);
      },
    });
    render(Page, withEcho(echo));
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    await fireEvent.click(screen.getByText('leave a'));
    await barrier(echo);
    expect(servers.herald.unsubscribeCount('private-orders')).toBe(0);
    await servers.herald.trigger('private-orders', 'shipped', { id: 1 });
    await until(() => b.length === 1, 'b still receives');
    expect(a).toEqual([]);
    await fireEvent.click(screen.getByText('leave b'));
    await until(() => servers.herald.unsubscribeCount('private-orders') === 1, 'channel left');
  });

  it('stopListening() and listen() toggle only this component', async () => {
    const echo = echoFor();
    const a: number[] = [];
    const b: number[] = [];
    const Page = defineComponent({
      setup() {
        return () =>
          h('div', [
            h(Orders, { onShipped: (e: { id: number }) => a.push(e.id), label: 'a' }),
            h(Orders, { onShipped: (e: { id: number }) => b.push(e.id), label: 'b' }),
          ]);
      },
    });
    render(Page, withEcho(echo));
    await until(() => servers.herald.subscribeCount('private-orders') === 1, 'subscribed');
    await fireEvent.click(screen.getByText('stop a'));
    await servers.herald.trigger('private-orders', 'shipped', { id: 1 });
    await until(() => b.length === 1, 'b receives');
    await fireEvent.click(screen.getByText('listen a'));
    await servers.herald.trigger('private-orders', 'shipped', { id: 2 });
    await until(() => a.length === 1 && b.length === 2, 'both receive');
    expect(a).toEqual([2]);
  });
});

describe('useEcho on a changing channel name', () => {
  it('a getter whose channel name changes leaves the old channel and joins the new one', async () => {
    const echo = echoFor();
    const received: string[] = [];
    const Room = defineComponent({
      props: { id: { type: Number, required: true } },
      setup(props) {
        useEchoPublic<{ text: string }>(
          () => `room.${props.id}`,
          '.message',
          (e) => received.push(`${props.id}:${e.text}`),
        );
        return () => h('output', `room ${props.id}`);
      },
    });
    const id = ref(1);
    render(defineComponent({ setup: () => () => h(Room, { id: id.value }) }), withEcho(echo));
    await until(() => servers.herald.subscribeCount('room.1') === 1, 'room 1');
    id.value = 2;
    await nextTick();
    await until(
      () =>
        servers.herald.subscribeCount('room.2') === 1 &&
        servers.herald.unsubscribeCount('room.1') === 1,
      'room 2',
    );
    await barrier(echo);
    await servers.herald.trigger('room.1', 'message', { text: 'old' });
    await servers.herald.trigger('room.2', 'message', { text: 'new' });
    await until(() => received.length === 1, 'event on the new room');
    await barrier(echo);
    expect(received).toEqual(['2:new']);
  });
});

describe('useChannel and useEchoPublic', () => {
  it('expose the upstream laravel-echo channel once mounted, shared by name', async () => {
    const echo = echoFor();
    const seen: unknown[] = [];
    const Feed = defineComponent({
      setup() {
        const { channel } = useChannel('feed', 'public');
        const publicOne = useEchoPublic('feed', '.post');
        seen.push(channel());
        return () =>
          h('button', { onClick: () => seen.push(channel(), publicOne.channel()) }, 'read');
      },
    });
    render(Feed, withEcho(echo));
    await fireEvent.click(screen.getByText('read'));
    expect(seen[0]).toBeNull();
    expect(seen[1]).toBe(echo.echo.connector.channels.feed);
    expect(seen[2]).toBe(seen[1]);
    await until(() => servers.herald.subscribeCount('feed') === 1, 'subscribed');
  });
});
