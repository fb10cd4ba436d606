// Assertions on Pusher frames shared by the conformance areas.
import { expect } from 'vitest';
import type { RawClient, WireMessage } from '../raw-client';

/** Matches any string inside `toEqual` (typed, unlike `expect.any(String)`). */
export const anyString = (): string => expect.any(String) as string;

/** Matches a string containing `part` inside `toEqual`. */
export const stringContaining = (part: string): string => expect.stringContaining(part) as string;

/** Matches a string matching `pattern` inside `toEqual`. */
export const stringMatching = (pattern: RegExp): string => expect.stringMatching(pattern) as string;

/** Takes the next `pusher:error` and asserts its exact shape and code. */
export async function expectPusherError(
  client: RawClient,
  code: number | null,
): Promise<WireMessage> {
  const error = await client.next('pusher:error');
  expect(error.json).toEqual({ event: 'pusher:error', data: { code, message: anyString() } });
  expect((error.data as { message: string }).message.length).toBeGreaterThan(0);
  return error;
}

/** Asserts the server answered with `pusher:error` carrying `code`, then closed with the same code. */
export async function expectRefused(client: RawClient, code: number): Promise<void> {
  await expectPusherError(client, code);
  const closed = await client.closed;
  expect(closed.code).toBe(code);
}

/** Asserts the socket is still open and answering. */
export async function expectUsable(client: RawClient): Promise<void> {
  expect(client.isOpen).toBe(true);
  await client.sync();
}

/** Parses a frame's `data`, asserting that it is a JSON string (as Pusher sends it). */
export function jsonData(message: WireMessage): unknown {
  expect(typeof message.data).toBe('string');
  return JSON.parse(message.data as string);
}
