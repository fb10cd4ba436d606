// PusherError: an error with a stable code that renders its own `pusher:error` frame.
import { type ErrorCode } from './error-codes';

/** An error the core reports to a client; `code` is one of {@link ErrorCode}. */
export class PusherError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PusherError';
  }

  /** The `pusher:error` wire form: `data` is an object, as the Pusher protocol sends it. */
  toFrameText(): string {
    return JSON.stringify({
      event: 'pusher:error',
      data: { code: this.code, message: this.message },
    });
  }
}
