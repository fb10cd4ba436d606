// Laravel events: the names behind useEchoNotification and useEchoModel, and the notification type filter.
import type { ConnectionStatus as LaravelConnectionStatus } from 'laravel-echo';
import type { ConnectionState } from './connection-status';

/** The event Laravel broadcasts notifications as; the leading dot skips Echo's namespace. */
export const NOTIFICATION_EVENT =
  '.Illuminate\\Notifications\\Events\\BroadcastNotificationCreated';

/** `event` or `events` as a list. */
export function toEventList(event: string | readonly string[] | undefined): string[] {
  if (event === undefined) return [];
  return typeof event === 'string' ? [event] : [...event];
}

/**
 * A predicate on notification types: an empty list accepts all, and `App.Notifications.X` matches
 * `App\Notifications\X` (how Laravel names the type), as in laravel-echo-react.
 */
export function notificationTypeFilter(types: readonly string[]): (type: string) => boolean {
  const accepted = new Set(
    types.flatMap((t) => [t, t.replace(/\./g, '\\'), t.replace(/\\/g, '.')]),
  );
  return (type) => accepted.size === 0 || accepted.has(type);
}

/** The private channel Laravel broadcasts model `model` with key `id` on. */
export function modelChannelName(model: string, id: string | number): string {
  return `${model}.${id}`;
}

/** Model event names with the leading dot that makes Echo skip its namespace. */
export function modelEventNames(events: string | readonly string[] | undefined): string[] {
  return toEventList(events).map((e) => (e.startsWith('.') ? e : `.${e}`));
}

/** Herald's connection state as laravel-echo's five-valued status (`unavailable` retries, so `reconnecting`). */
export function toLaravelConnectionStatus(state: ConnectionState): LaravelConnectionStatus {
  switch (state) {
    case 'unavailable':
      return 'reconnecting';
    case 'connecting':
    case 'connected':
    case 'reconnecting':
    case 'failed':
    case 'disconnected':
      return state;
  }
}
