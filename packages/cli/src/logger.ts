// The CLI's structured log: pino, JSON by default, pretty for development; written to stderr.
import { pino, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import { redactUrl } from '@herald/webhooks';
import type { LogFormat, LogLevel } from './ops-settings';

export type { Logger } from 'pino';

/**
 * Fields that must never reach a log line, whatever an event carries: app secrets, auth
 * signatures, message bodies. Observers log ids and codes only; this is the second line of defence.
 */
const REDACTED = [
  'secret',
  '*.secret',
  'auth',
  '*.auth',
  'data',
  '*.data',
  'body',
  '*.body',
  'signature',
  '*.signature',
];

/**
 * Creates the logger. stdout keeps the human start-up banner; stderr carries one JSON object per
 * line (or pino-pretty's rendering), which log shippers read as they are.
 */
export function createLogger(options: {
  level: LogLevel;
  format: LogFormat;
  destination?: NodeJS.WritableStream;
}): Logger {
  const base = {
    level: options.level,
    redact: { paths: REDACTED, censor: '[redacted]' },
    // A `url` field may carry a token in its query or a password; masked wherever it comes from.
    serializers: { url: redactUrl },
  };
  if (options.format === 'pretty') {
    return pino(
      base,
      pinoPretty({
        colorize: process.stderr.isTTY,
        sync: true,
        destination: options.destination ?? 2,
      }),
    );
  }
  return pino(base, options.destination ?? pino.destination({ fd: 2, sync: false }));
}
