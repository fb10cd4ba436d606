import { describe, expectTypeOf, it } from 'vitest';
import type {
  BroadcastNotification,
  ChannelReturnType,
  InferEventPayload,
  ModelEvents,
  ModelName,
} from './laravel-types';

declare global {
  interface Events {
    'echo.TypeTestEvent': { id: number };
  }
}

describe('Laravel hook types', () => {
  it('infers payloads from the global Events interface', () => {
    expectTypeOf<InferEventPayload<'echo.TypeTestEvent'>>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<InferEventPayload<'not.declared'>>().toEqualTypeOf<unknown>();
  });

  it('names model events after the class name', () => {
    expectTypeOf<ModelName<'App.Models.User'>>().toEqualTypeOf<'User'>();
    expectTypeOf<'UserUpdated'>().toExtend<ModelEvents<'App.Models.User'>>();
    expectTypeOf<'.UserDeleted'>().toExtend<ModelEvents<'App.Models.User'>>();
    expectTypeOf<'PostUpdated'>().not.toExtend<ModelEvents<'App.Models.User'>>();
  });

  it('adds id and type to notifications and picks the channel class by visibility', () => {
    expectTypeOf<BroadcastNotification<{ amount: number }>>().toEqualTypeOf<
      { amount: number } & { id: string; type: string }
    >();
    expectTypeOf<ChannelReturnType<'reverb', 'presence'>>().toHaveProperty('here');
    expectTypeOf<ChannelReturnType<'reverb', 'public'>>().not.toHaveProperty('whisper');
  });
});
