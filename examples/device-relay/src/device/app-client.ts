// The device's side of the app's HTTP API: every call carries the device's bearer token.
import { DeviceRoute, type ConnectAnswer, type MessageBatch } from '../relay-wire';

/** A failed call: the status (0 when the app could not be reached) and what the app said. */
export class AppCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AppCallError';
  }
}

/** Calls a device makes; each rejects with an {@link AppCallError}. */
export interface AppClient {
  connect(): Promise<ConnectAnswer>;
  heartbeat(): Promise<void>;
  postMessages(batch: MessageBatch): Promise<void>;
  disconnect(): Promise<void>;
}

/** Requests that take longer than this count as failed (and are retried). */
const REQUEST_TIMEOUT_MS = 5000;

/** The app at `appUrl` (e.g. `http://127.0.0.1:3000`), as device `token`. */
export function createAppClient(appUrl: string, token: string): AppClient {
  async function post(path: string, body: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path, appUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
      throw new AppCallError(0, `${path}: the app is unreachable (${cause})`);
    }
    const text = await response.text();
    if (!response.ok)
      throw new AppCallError(response.status, `${path}: ${response.status} ${text}`);
    return text === '' ? {} : (JSON.parse(text) as unknown);
  }
  return {
    connect: async () => (await post(DeviceRoute.Connect, {})) as ConnectAnswer,
    heartbeat: async () => void (await post(DeviceRoute.Heartbeat, {})),
    postMessages: async (batch) => void (await post(DeviceRoute.Messages, batch)),
    disconnect: async () => void (await post(DeviceRoute.Disconnect, {})),
  };
}
