// FakeSocket: an in-memory Socket for unit tests of the core and of observers.
import type { Frame } from '../contracts/frame';
import type { Socket } from '../contracts/socket';

/** Records what the core sends and how it closes; `bufferedAmount` is settable for back-pressure tests. */
export class FakeSocket implements Socket {
  readonly sent: string[] = [];
  closed: { code: number; reason: string } | undefined;
  bufferedAmount = 0;

  constructor(readonly remoteAddress = '127.0.0.1') {}

  send(frame: Frame): void {
    if (this.closed) return;
    this.sent.push(frame.text);
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }

  /** Sent messages parsed as JSON. */
  get messages(): Array<{
    event: string;
    channel?: string;
    data?: unknown;
    [key: string]: unknown;
  }> {
    return this.sent.map((text) => JSON.parse(text) as { event: string });
  }

  /** The last sent message with this event name. */
  last(
    event: string,
  ): { event: string; channel?: string; data?: unknown; [key: string]: unknown } | undefined {
    return this.messages.filter((m) => m.event === event).at(-1);
  }
}
