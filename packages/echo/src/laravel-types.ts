// Laravel types: the event, notification and model payload types of @laravel/echo-react and echo-vue.
import type { BroadcastDriver, Broadcaster, ConnectionStatus } from 'laravel-echo';

/** laravel-echo's broadcaster names, so framework packages need no import of their own from it. */
export type { BroadcastDriver };

/** laravel-echo's five-valued connection status (`useConnectionStatus`'s result). */
export type LaravelConnectionStatus = ConnectionStatus;

declare global {
  /**
   * Event name → payload, for `useEcho('orders', 'OrderShipped', (e) => ...)` to type `e`. Extend it
   * in a `.d.ts` of the app, exactly as for `@laravel/echo-react`.
   *
   * @example
   * ```ts
   * interface Events { OrderShipped: { id: number } }
   * ```
   */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Events {}
}

/** The event names declared in the global `Events` interface. */
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
export type EventName = keyof Events & string;

/** The payload of event `TEvent` from the global `Events` interface, else `unknown`. */
export type InferEventPayload<TEvent extends string> = TEvent extends keyof Events
  ? Events[TEvent]
  : unknown;

/** Channel visibilities as the Laravel hooks name them. */
export type ChannelVisibility = 'public' | 'private' | 'presence';

/** The upstream laravel-echo channel class for `TDriver` and visibility `V`. */
export type ChannelReturnType<
  TDriver extends BroadcastDriver,
  V extends ChannelVisibility,
> = V extends 'presence'
  ? Broadcaster[TDriver]['presence']
  : V extends 'private'
    ? Broadcaster[TDriver]['private']
    : Broadcaster[TDriver]['public'];

/** A Laravel broadcast notification: the payload plus its id and type. */
export type BroadcastNotification<TPayload> = TPayload & { id: string; type: string };

/** What Laravel's model broadcasting sends. */
export interface ModelPayload<T> {
  model: T;
  connection: string | null;
  queue: string | null;
  afterCommit: boolean;
}

/** The class name of a model (`App.Models.User` → `User`). */
export type ModelName<T extends string> = T extends `${infer _}.${infer U}` ? ModelName<U> : T;

type ModelEvent =
  | 'Retrieved'
  | 'Creating'
  | 'Created'
  | 'Updating'
  | 'Updated'
  | 'Saving'
  | 'Saved'
  | 'Deleting'
  | 'Deleted'
  | 'Trashed'
  | 'ForceDeleting'
  | 'ForceDeleted'
  | 'Restoring'
  | 'Restored'
  | 'Replicating';

/** The broadcast event names of model `T` (`UserUpdated`, `.UserUpdated` ...). */
export type ModelEvents<T extends string> =
  `.${ModelName<T>}${ModelEvent}` | `${ModelName<T>}${ModelEvent}`;
