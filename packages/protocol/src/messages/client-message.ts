// Parsing and validating what a client sends, before anything acts on it.
import { ErrorCode } from '../errors/error-codes';
import { PusherError } from '../errors/pusher-error';
import { CLIENT_EVENT_PREFIX, PusherEvent } from './pusher-event';

/** A message the core knows how to handle. */
export type ClientMessage =
  | { kind: 'ping' }
  | { kind: 'pong' }
  | {
      kind: 'subscribe';
      channel: unknown;
      auth: unknown;
      channelData: unknown;
      /** Herald's resume request (`data.recovery`); `undefined` from stock clients. */
      recovery: unknown;
    }
  | { kind: 'unsubscribe'; channel: unknown }
  | { kind: 'signin'; auth: unknown; userData: unknown }
  | { kind: 'client-event'; event: string; channel: unknown; data: unknown };

/**
 * Parses one text frame. Throws {@link PusherError} (4300) for anything that is not a JSON object
 * with a string `event` the protocol defines; field-level checks happen in each handler, which
 * knows the app's limits.
 */
export function parseClientMessage(text: string): ClientMessage {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    throw new PusherError(ErrorCode.InvalidMessage, 'Invalid message: not valid JSON');
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    throw new PusherError(ErrorCode.InvalidMessage, 'Invalid message: expected a JSON object');
  }
  const { event } = message as { event?: unknown };
  if (typeof event !== 'string') {
    throw new PusherError(ErrorCode.InvalidMessage, 'Invalid message: "event" must be a string');
  }
  const raw = message as { data?: unknown; channel?: unknown };
  switch (event) {
    case PusherEvent.Ping:
      return { kind: 'ping' };
    case PusherEvent.Pong:
      return { kind: 'pong' };
    case PusherEvent.Subscribe: {
      const data = dataObject(raw.data, event);
      return {
        kind: 'subscribe',
        channel: data.channel,
        auth: data.auth,
        channelData: data.channel_data,
        recovery: data.recovery,
      };
    }
    case PusherEvent.Unsubscribe:
      return { kind: 'unsubscribe', channel: dataObject(raw.data, event).channel };
    case PusherEvent.Signin: {
      const data = dataObject(raw.data, event);
      return { kind: 'signin', auth: data.auth, userData: data.user_data };
    }
    default:
      if (event.startsWith(CLIENT_EVENT_PREFIX)) {
        return { kind: 'client-event', event, channel: raw.channel, data: raw.data };
      }
      throw new PusherError(
        ErrorCode.InvalidMessage,
        `Invalid message: unknown event "${truncate(event)}"`,
      );
  }
}

// pusher-js sends `data` as an object; some clients send it as a JSON string. Accept both.
function dataObject(data: unknown, event: string): Record<string, unknown> {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      value = undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PusherError(
      ErrorCode.InvalidMessage,
      `Invalid message: ${event} needs a "data" object`,
    );
  }
  return value as Record<string, unknown>;
}

function truncate(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
