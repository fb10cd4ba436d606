// Checking a device's `POST /api/device/messages` body before the app keeps or broadcasts any of it.
import type { DeviceMessage, MessageBatch } from './relay-wire';

/** The longest line a device sends; it cuts longer ones (see src/device/outbox.ts). */
export const MAX_TEXT_LENGTH = 1000;
const MAX_MESSAGES = 500;

/** The batch in `body`, or what is wrong with it. */
export function parseBatch(body: string): MessageBatch | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'The body is not JSON.';
  }
  const { run, messages, droppedCount } = (value ?? {}) as Record<string, unknown>;
  if (typeof run !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(run)) return 'run is missing.';
  if (!Array.isArray(messages) || messages.length > MAX_MESSAGES) {
    return `messages is a list of at most ${MAX_MESSAGES}.`;
  }
  if (!Number.isSafeInteger(droppedCount) || (droppedCount as number) < 0) {
    return 'droppedCount is a count.';
  }
  const parsed: DeviceMessage[] = [];
  for (const message of messages as unknown[]) {
    const { seq, text, isPriority, at } = (message ?? {}) as Record<string, unknown>;
    const previous = parsed.at(-1)?.seq ?? 0;
    if (!Number.isSafeInteger(seq) || (seq as number) <= previous) {
      return 'Each seq is an integer above the one before.';
    }
    if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH) {
      return `Each text is at most ${MAX_TEXT_LENGTH} characters.`;
    }
    if (typeof isPriority !== 'boolean' || typeof at !== 'number') {
      return 'Each message has isPriority and at.';
    }
    parsed.push({ seq: seq as number, text, isPriority, at });
  }
  return { run, messages: parsed, droppedCount: droppedCount as number };
}
