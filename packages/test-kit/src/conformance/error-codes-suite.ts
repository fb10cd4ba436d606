// Conformance: every error code the server can send has a test in this suite that triggers it.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@herald/protocol';
import type { SuiteContext } from './suite-context';

/** Which test triggers each code (titles as registered in the suite areas). */
export const CODES_UNDER_TEST: Readonly<Record<number, string>> = Object.freeze({
  [ErrorCode.AppNotFound]: 'refuses an unknown app key with 4001 and closes',
  [ErrorCode.AppDisabled]: 'refuses a disabled app with 4003 and closes',
  [ErrorCode.OverConnectionQuota]:
    'refuses a connection over the app quota with 4004, and accepts again once one leaves',
  [ErrorCode.PathNotFound]: 'refuses a malformed /app/ path with 4005',
  [ErrorCode.InvalidVersionFormat]: 'refuses a non-numeric protocol version with 4006',
  [ErrorCode.UnsupportedProtocolVersion]: 'refuses protocol 6 with 4007',
  [ErrorCode.NoProtocolVersion]: 'refuses a connection without a protocol version with 4008',
  [ErrorCode.OverCapacity]:
    'closes a socket that stops reading with 4100 once its buffer passes maxBufferedBytes; others keep receiving',
  [ErrorCode.TooManyInvalidMessages]:
    'closes a socket that keeps sending invalid messages with 4150; others keep receiving',
  [ErrorCode.ReconnectNow]: 'closes every socket with 4200 when the server shuts down',
  [ErrorCode.PongNotReceived]:
    'closes with 4201 a socket that never subscribed and does not answer the ping',
  [ErrorCode.InvalidMessage]: 'answers invalid JSON with pusher:error 4300 and carries on',
  [ErrorCode.ClientEventRateLimited]:
    'drops client events over limits.maxClientEventsPerSecond with 4301 and keeps the socket',
  [ErrorCode.ClientEventRejected]:
    'refuses a client event on a public channel with 4302 and relays nothing',
  [ErrorCode.Unauthorized]:
    'refuses a browser origin outside allowedOrigins with 4009 and closes it',
  [ErrorCode.MessageTooLarge]:
    'closes with 4303 after a message over limits.maxMessageBytes; others keep receiving',
});

/**
 * Codes in the table that the server cannot send yet, with the reason. A code moves to
 * {@link CODES_UNDER_TEST} the day the core starts sending it.
 */
export const CODES_NOT_SENT_YET: Readonly<Record<number, string>> = Object.freeze({
  [ErrorCode.ClosedAfterInactivity]:
    'the core closes silent sockets with 4201 after a ping; nothing sends 4202',
});

/** Conformance area: Checks that every ErrorCode has a test that triggers it. */
export function errorCodesSuite(_context: SuiteContext): void {
  describe('error codes', () => {
    it('has a triggering test for every code in ErrorCode, or a reason it cannot be sent', () => {
      for (const code of Object.values(ErrorCode)) {
        const covered =
          Object.hasOwn(CODES_UNDER_TEST, code) || Object.hasOwn(CODES_NOT_SENT_YET, code);
        expect(covered, `ErrorCode ${String(code)} has no conformance test`).toBe(true);
      }
    });
  });
}
