// Type tests: event payloads typed from the global Events interface, explicit payloads, models, results.
import type { PresenceRoster } from '@herald/echo';
import { describe, expectTypeOf, it } from 'vitest';
import {
  useChannel,
  useConnectionStatus,
  useEcho,
  useEchoModel,
  useEchoNotification,
  useEchoPresence,
  useOnSubscribed,
  usePresence,
  useSocketId,
  useWhisper,
  type ConnectionStatus,
} from '../src/index';

declare global {
  interface Events {
    OrderShipped: { orderId: number };
    OrderCancelled: { reason: string };
  }
}

describe('useEcho types', () => {
  it('infers the payload from the global Events interface', () => {
    useEcho('orders', 'OrderShipped', (e) => expectTypeOf(e).toEqualTypeOf<{ orderId: number }>());
    useEcho('orders', ['OrderShipped'], (e) =>
      expectTypeOf(e).toEqualTypeOf<{ orderId: number }>(),
    );
  });

  it('takes an explicit payload type for any event name', () => {
    useEcho<{ id: string }>('orders', 'Legacy', (e) =>
      expectTypeOf(e).toEqualTypeOf<{ id: string }>(),
    );
  });

  it('types channel() by visibility', () => {
    const presence = useEchoPresence('room');
    expectTypeOf(presence.channel()).toBeNullable();
    expectTypeOf(presence.channel()!).toHaveProperty('here');
    expectTypeOf(useChannel('feed', 'public').channel()!).not.toHaveProperty('here');
    const { channel } = useChannel('feed', 'public');
    expectTypeOf(channel).returns.toBeNullable();
    expectTypeOf(useEcho('orders', 'OrderShipped', () => {}))
      .toHaveProperty('leaveChannel')
      .parameters.toEqualTypeOf<[leaveAll?: boolean]>();
  });
});

describe('model, notification and whisper types', () => {
  it('types model payloads and rejects events of other models', () => {
    useEchoModel<{ name: string }, 'App.Models.User'>('App.Models.User', 1, ['UserUpdated'], (e) =>
      expectTypeOf(e.model).toEqualTypeOf<{ name: string }>(),
    );
    // @ts-expect-error PostUpdated is not an event of App.Models.User
    useEchoModel<{ name: string }, 'App.Models.User'>('App.Models.User', 1, ['PostUpdated']);
  });

  it('adds id and type to notifications', () => {
    useEchoNotification<{ amount: number }>('App.Models.User.1', (n) => {
      expectTypeOf(n.amount).toEqualTypeOf<number>();
      expectTypeOf(n.type).toEqualTypeOf<string>();
    });
  });

  it('types whisper payloads both ways', () => {
    const { whisper } = useWhisper<{ x: number }>('board', 'cursor', (p) =>
      expectTypeOf(p).toEqualTypeOf<{ x: number }>(),
    );
    whisper({ x: 1 });
    // @ts-expect-error wrong payload
    whisper({ x: 'one' });
  });
});

describe('status and presence types', () => {
  it("uses laravel-echo's status values and a typed roster", () => {
    expectTypeOf(useConnectionStatus()).toEqualTypeOf<ConnectionStatus>();
    expectTypeOf<ConnectionStatus>().toEqualTypeOf<
      'connected' | 'disconnected' | 'connecting' | 'reconnecting' | 'failed'
    >();
    expectTypeOf(useSocketId()).toEqualTypeOf<string | undefined>();
    expectTypeOf(usePresence<{ name: string }>('room')).toEqualTypeOf<
      PresenceRoster<{ name: string }>
    >();
  });

  it('takes a callback of no arguments and a channel visibility, like the Vue composable', () => {
    expectTypeOf(useOnSubscribed('grid', () => {}, 'public')).toEqualTypeOf<void>();
    // @ts-expect-error 'secret' is not a channel visibility
    useOnSubscribed('grid', () => {}, 'secret');
  });
});
