// Validating an event submitted to the HTTP API against the app's limits.
import type { App } from '../apps/app';
import { channelNameProblem } from '../channels/channel-name';
import { isSocketId } from '../connections/socket-id';
import { HttpError } from './responses';

/** A validated event, ready to publish. */
export interface EventPayload {
  readonly name: string;
  readonly data: string;
  readonly channels: readonly string[];
  readonly socketId: string | undefined;
  readonly info: ReadonlySet<string>;
}

/** Validates one event object (`/events` body or one `batch` entry); throws {@link HttpError}. */
export function parseEventPayload(app: App, raw: unknown, where = 'body'): EventPayload {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new HttpError(400, `${where} must be a JSON object`);
  }
  const body = raw as Record<string, unknown>;
  const { name, data } = body;
  if (typeof name !== 'string' || name.length === 0)
    throw new HttpError(400, `${where}.name must be a non-empty string`);
  if (name.length > app.limits.maxEventNameLength) {
    throw new HttpError(
      400,
      `${where}.name is longer than ${app.limits.maxEventNameLength} characters`,
    );
  }
  if (typeof data !== 'string') throw new HttpError(400, `${where}.data must be a string`);
  if (Buffer.byteLength(data) > app.limits.maxEventPayloadBytes) {
    throw new HttpError(
      413,
      `${where}.data is larger than ${app.limits.maxEventPayloadBytes} bytes`,
    );
  }
  const channels = channelList(app, body, where);
  const socketId = body.socket_id;
  if (socketId !== undefined && !isSocketId(socketId)) {
    throw new HttpError(400, `${where}.socket_id must look like "123.456"`);
  }
  const info = body.info;
  if (info !== undefined && typeof info !== 'string')
    throw new HttpError(400, `${where}.info must be a string`);
  return { name, data, channels, socketId, info: parseInfo(info) };
}

/** Splits `info=a,b` into a set, ignoring blanks. */
export function parseInfo(info: string | undefined): ReadonlySet<string> {
  if (!info) return new Set();
  return new Set(
    info
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
}

function channelList(app: App, body: Record<string, unknown>, where: string): string[] {
  let channels: unknown;
  if (body.channels !== undefined) channels = body.channels;
  else if (body.channel !== undefined) channels = [body.channel];
  else throw new HttpError(400, `${where} needs "channels" (an array) or "channel"`);
  if (!Array.isArray(channels) || channels.length === 0) {
    throw new HttpError(400, `${where}.channels must be a non-empty array`);
  }
  if (channels.length > app.limits.maxChannelsPerPublish) {
    throw new HttpError(
      400,
      `${where}.channels names more than ${app.limits.maxChannelsPerPublish} channels`,
    );
  }
  for (const channel of channels) {
    const problem = channelNameProblem(channel, app.limits.maxChannelNameLength);
    if (problem !== undefined) throw new HttpError(400, `${where}.channels: ${problem}`);
  }
  return channels as string[];
}
