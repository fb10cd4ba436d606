// Connecting loader sockets to a server under test, failing the scenario if too few made it.
import { socketUrl } from './bench-app';
import type { LoaderPool } from './loader';
import type { ConnectPlan, ConnectResult } from './loader-protocol';

/** Where and how sockets subscribe; the rest of a connect has bench-wide defaults. */
export interface SubscribeOptions {
  readonly channel: string;
  readonly channelSpread?: number;
  readonly presence?: ConnectPlan['presence'];
  /** How the sockets connect. @default 'ws' */
  readonly transport?: ConnectPlan['transport'];
  /** Sockets connecting at once over all loaders. @default 100 */
  readonly concurrency?: number;
}

/** Opens `count` subscribed sockets to the server on `port`; throws if any failed. */
export async function connectSubscribed(
  loaders: LoaderPool,
  port: number,
  count: number,
  options: SubscribeOptions,
): Promise<ConnectResult> {
  const result = await loaders.connect(count, {
    url: socketUrl(port),
    channel: options.channel,
    channelSpread: options.channelSpread ?? 1,
    ...(options.presence === undefined ? {} : { presence: options.presence }),
    ...(options.transport === undefined ? {} : { transport: options.transport }),
    concurrency: options.concurrency ?? 100,
    socketTimeoutMs: 15_000,
    deadlineMs: 300_000,
  });
  if (result.failed > 0) {
    throw new Error(
      `${result.failed} of ${count} sockets failed to subscribe: ${result.firstError ?? 'unknown'}`,
    );
  }
  return result;
}
