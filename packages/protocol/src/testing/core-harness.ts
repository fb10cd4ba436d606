// CoreHarness: a Herald core driven by FakeSockets and a ManualClock, for unit tests without I/O.
import { createHerald } from '../server';
import type { Herald } from '../contracts/herald';
import type { ConnectionRef } from '../contracts/connection-handler';
import type { HeraldOptions } from '../herald-options';
import type { AppConfig } from '../apps/app';
import { FakeSocket } from './fake-socket';
import { ManualClock } from './manual-clock';

/** A connected fake client: its socket, its connection handle and a `send` for JSON messages. */
export interface FakeClient {
  readonly socket: FakeSocket;
  readonly ref: ConnectionRef;
  readonly socketId: string;
  send(message: unknown): void;
}

/** Builds a core on a manual clock and connects fake clients to it. */
export class CoreHarness {
  readonly clock = new ManualClock();
  readonly herald: Herald;

  constructor(
    readonly app: AppConfig = { id: 'app-id', key: 'app-key', secret: 'app-secret' },
    options: Partial<HeraldOptions> = {},
  ) {
    this.herald = createHerald({ apps: [app], clock: this.clock, ...options });
  }

  /** Opens a socket and waits for `connection_established`. */
  async connect(query = 'protocol=7', key = this.app.key): Promise<FakeClient> {
    const socket = new FakeSocket();
    const ref = this.herald.connections.open(socket, {
      path: `/app/${key}`,
      query,
      headers: {},
      remoteAddress: '127.0.0.1',
    });
    await flushPromises();
    const handler = this.herald.connections;
    return {
      socket,
      ref,
      get socketId() {
        return ref.socketId ?? '';
      },
      send: (message: unknown) =>
        handler.message(ref, typeof message === 'string' ? message : JSON.stringify(message)),
    };
  }

  /** Closes a client as the adapter would after the socket closed. */
  disconnect(client: FakeClient, code = 1000): void {
    this.herald.connections.close(client.ref, code);
  }
}

/** Lets pending promise callbacks (app lookups) run. */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
