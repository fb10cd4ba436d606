// Type tests: event payloads typed from the global Events interface, explicit payloads, models, results.
import type { ComputedRef } from 'vue';
import { describe, expectTypeOf, it } from 'vitest';
import {
  useChannel,
  useConnectionStatus,
  useEcho,
  useEchoModel,
  useEchoNotification,
  useEchoPresence,
  useOfflineQueue,
  useOnSubscribed,
  usePresence,
  useSocketId,
  useSubscriptionStatus,
  useWhisper,
  type ConnectionStatus,
  type SubscriptionError,
  type SubscriptionState,
} from '../src/index';

declare global {
  interface Events {
    OrderShipped: { orderId: number };
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
    expectTypeOf(useEchoPresence('room').channel()!).toHaveProperty('here');
    expectTypeOf(useChannel('feed', 'public').channel()!).not.toHaveProperty('here');
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
  it("returns refs of laravel-echo's status values and a typed roster", () => {
    expectTypeOf(useConnectionStatus()).toEqualTypeOf<ComputedRef<ConnectionStatus>>();
    expectTypeOf(useSocketId().value).toEqualTypeOf<string | undefined>();
    expectTypeOf(usePresence<{ name: string }>('room').me.value!.info).toEqualTypeOf<{
      name: string;
    }>();
  });

  it('returns the offline queue and a subscription status as refs, with the same names as React', () => {
    expectTypeOf(useOfflineQueue().size).toEqualTypeOf<ComputedRef<number>>();
    expectTypeOf(useSubscriptionStatus('dm').state).toEqualTypeOf<ComputedRef<SubscriptionState>>();
    expectTypeOf(
      useSubscriptionStatus('feed', 'public').error.value,
    ).toEqualTypeOf<SubscriptionError | null>();
    expectTypeOf(useOnSubscribed('grid', () => {}, 'public')).toEqualTypeOf<void>();
    // @ts-expect-error 'secret' is not a channel visibility
    useOnSubscribed('grid', () => {}, 'secret');
  });
});
