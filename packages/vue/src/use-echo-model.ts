// useEchoModel: Laravel model broadcasting events (`UserUpdated` ...) on the model's private channel.
import {
  modelChannelName,
  modelEventNames,
  type ModelEvents,
  type ModelPayload,
} from '@herald/echo';
import type { BroadcastDriver } from '@herald/echo';
import { useEcho, type UseEchoResult } from './use-echo';

/**
 * Listens for model events of `model` with key `identifier` on private channel `{model}.{identifier}`.
 *
 * @example
 * ```ts
 * useEchoModel<User, 'App.Models.User'>('App.Models.User', id, ['UserUpdated'], (e) => (user.value = e.model));
 * ```
 */
export function useEchoModel<
  TPayload,
  TModel extends string,
  TDriver extends BroadcastDriver = BroadcastDriver,
>(
  model: TModel,
  identifier: string | number,
  event: ModelEvents<TModel> | ModelEvents<TModel>[] = [],
  callback: (payload: ModelPayload<TPayload>) => void = () => {},
  dependencies: unknown[] = [],
): UseEchoResult<TDriver, 'private'> {
  return useEcho<ModelPayload<TPayload>, TDriver, 'private'>(
    modelChannelName(model, identifier),
    modelEventNames(event),
    callback,
    dependencies,
    'private',
  );
}
