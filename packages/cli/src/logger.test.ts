import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function jsonLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()),
  });
  return { logger: createLogger({ level: 'info', format: 'json', destination }), lines };
}

describe('createLogger', () => {
  it("masks a webhook URL's query values, in child loggers too", () => {
    const { logger, lines } = jsonLogger();
    logger
      .child({ module: 'webhooks' })
      .warn(
        { url: 'https://hooks.example.com/pusher?token=s3cr3t' },
        'webhook delivery failed; retrying',
      );
    expect(JSON.parse(lines[0]!)).toMatchObject({
      module: 'webhooks',
      url: 'https://hooks.example.com/pusher?token=***',
    });
    expect(lines.join('')).not.toContain('s3cr3t');
  });

  it('masks the password of a URL', () => {
    const { logger, lines } = jsonLogger();
    logger.info({ url: 'redis://default:hunter2@cache:6379' }, 'bus');
    expect(lines.join('')).not.toContain('hunter2');
  });

  it('never writes app secrets, signatures or message data', () => {
    const { logger, lines } = jsonLogger();
    logger.info(
      { app: { secret: 'top-secret' }, signature: 'abc123', data: '{"card":"4111"}' },
      'event',
    );
    expect(lines.join('')).not.toMatch(/top-secret|abc123|4111/);
  });
});
