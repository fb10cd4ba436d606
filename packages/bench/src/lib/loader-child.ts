// A loader child: holds client sockets for the bench, subscribes them and times the events they get.
import { PusherEvent } from '@herald/protocol';
import Pusher from 'pusher';
import { BENCH_EVENT, monotonicUs } from './bench-app';
import { openBenchClient, type BenchClient } from './bench-client';
import { eventNameOf, readStamp } from './event-stamp';
import type {
  ConnectPlan,
  ConnectResult,
  LoaderCommandName,
  LoaderCommands,
  LoaderCounters,
  LoaderReply,
  LoaderRequest,
  TrackingResult,
} from './loader-protocol';

const PONG = JSON.stringify({ event: PusherEvent.Pong, data: {} });

interface Tracking {
  readonly events: number;
  readonly expected: number;
  readonly latenciesUs: Float64Array;
  readonly lastUsByEvent: Float64Array;
  received: number;
  onComplete?: () => void;
}

const sockets = new Set<BenchClient>();
const counters = { memberAdded: 0, errorFrames: 0, unexpectedCloses: 0 };
let tracking: Tracking | undefined;
/** Sockets the bench dropped on purpose: their close is not a failure. */
const dropped = new WeakSet<BenchClient>();

function track(frameText: string): void {
  const stamp = readStamp(frameText);
  if (tracking === undefined || stamp === undefined || stamp.index >= tracking.events) return;
  if (tracking.received >= tracking.expected) return;
  const latencyUs = monotonicUs() - stamp.publishedUs;
  tracking.latenciesUs[tracking.received++] = latencyUs;
  if (latencyUs > tracking.lastUsByEvent[stamp.index]!)
    tracking.lastUsByEvent[stamp.index] = latencyUs;
  if (tracking.received === tracking.expected) tracking.onComplete?.();
}

/** Channel of socket `index` under `plan`. */
function channelOf(plan: ConnectPlan, index: number): string {
  return plan.channelSpread <= 1 ? plan.channel : `${plan.channel}-${index % plan.channelSpread}`;
}

/** Opens one socket and resolves once its subscription succeeded. */
function openSubscribed(
  plan: ConnectPlan,
  index: number,
  signer: Pusher | undefined,
): Promise<void> {
  const channel = channelOf(plan, index);
  return new Promise((resolve, reject) => {
    let isSubscribed = false;
    const fail = (reason: string): void => {
      clearTimeout(timer);
      ws.terminate();
      reject(new Error(reason));
    };
    const timer = setTimeout(
      () => fail(`socket ${index} not subscribed within ${plan.socketTimeoutMs} ms`),
      plan.socketTimeoutMs,
    );
    const onMessage = (text: string): void => {
      const event = eventNameOf(text);
      if (event === BENCH_EVENT) return track(text);
      if (event === PusherEvent.MemberAdded) {
        counters.memberAdded++;
        return;
      }
      if (event === PusherEvent.Ping) return ws.send(PONG);
      if (event === PusherEvent.Error || event === PusherEvent.SubscriptionError) {
        counters.errorFrames++;
        if (!isSubscribed) fail(`socket ${index}: ${text.slice(0, 200)}`);
        return;
      }
      if (event === PusherEvent.ConnectionEstablished && !isSubscribed) {
        const { data: established } = JSON.parse(text) as { data: string };
        const { socket_id: socketId } = JSON.parse(established) as { socket_id: string };
        ws.send(
          JSON.stringify({
            event: PusherEvent.Subscribe,
            data: subscription(channel, socketId, index, signer),
          }),
        );
        return;
      }
      if (event === PusherEvent.SubscriptionSucceeded && !isSubscribed) {
        isSubscribed = true;
        clearTimeout(timer);
        sockets.add(ws);
        resolve();
      }
    };
    const ws: BenchClient = openBenchClient(plan.url, plan.transport ?? 'ws', {
      onMessage,
      onError: (error) => {
        if (!isSubscribed) fail(`socket ${index}: ${error.message}`);
      },
      onClose: () => {
        sockets.delete(ws);
        if (isSubscribed && !dropped.has(ws)) counters.unexpectedCloses++;
        if (!isSubscribed) fail(`socket ${index} closed before subscribing`);
      },
    });
  });
}

function subscription(
  channel: string,
  socketId: string,
  index: number,
  signer: Pusher | undefined,
): object {
  if (signer === undefined) return { channel };
  const userId = `u${index}`;
  const { auth, channel_data } = signer.authorizeChannel(socketId, channel, {
    user_id: userId,
    user_info: { name: `User ${index}` },
  });
  return { channel, auth, channel_data };
}

async function connect(plan: ConnectPlan): Promise<ConnectResult> {
  const signer =
    plan.presence === undefined
      ? undefined
      : new Pusher({ ...plan.presence, host: '127.0.0.1', useTLS: false });
  const deadline = performance.now() + plan.deadlineMs;
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async (): Promise<void> => {
    while (next < plan.count) {
      const index = plan.firstIndex + next++;
      if (performance.now() > deadline) {
        failed++;
        firstError ??= `deadline of ${plan.deadlineMs} ms passed`;
        continue;
      }
      try {
        await openSubscribed(plan, index, signer);
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, plan.count) }, worker));
  return firstError === undefined
    ? { opened: plan.count - failed, failed }
    : { opened: plan.count - failed, failed, firstError };
}

function startTracking({ events }: { events: number }): null {
  const expected = events * sockets.size;
  tracking = {
    events,
    expected,
    latenciesUs: new Float64Array(expected),
    lastUsByEvent: new Float64Array(events).fill(-1),
    received: 0,
  };
  return null;
}

function finishTracking({ timeoutMs }: { timeoutMs: number }): Promise<TrackingResult> {
  const round = tracking;
  if (round === undefined) return Promise.reject(new Error('finishTracking before startTracking'));
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      tracking = undefined;
      resolve({
        received: round.received,
        expected: round.expected,
        latenciesUs: round.latenciesUs.subarray(0, round.received),
        lastUsByEvent: round.lastUsByEvent,
      });
    };
    const timer = setTimeout(finish, timeoutMs);
    if (round.received >= round.expected) finish();
    else round.onComplete = finish;
  });
}

function readCounters(): LoaderCounters {
  return { sockets: sockets.size, ...counters };
}

function closeAll(): null {
  for (const ws of sockets) {
    dropped.add(ws);
    ws.terminate();
  }
  sockets.clear();
  counters.memberAdded = 0;
  counters.errorFrames = 0;
  counters.unexpectedCloses = 0;
  return null;
}

const handlers: {
  [K in LoaderCommandName]: (
    args: LoaderCommands[K]['args'],
  ) => LoaderCommands[K]['result'] | Promise<LoaderCommands[K]['result']>;
} = {
  connect,
  startTracking,
  finishTracking,
  counters: readCounters,
  closeAll,
};

process.on('message', (request: LoaderRequest) => {
  const handler = handlers[request.command] as (args: unknown) => unknown;
  Promise.resolve()
    .then(() => handler(request.args))
    .then(
      (result) => process.send?.({ requestId: request.requestId, result } satisfies LoaderReply),
      (error: unknown) =>
        process.send?.({
          requestId: request.requestId,
          error: error instanceof Error ? error.message : String(error),
        } satisfies LoaderReply),
    )
    .catch((error: unknown) => console.error('loader: cannot reply', error));
});
process.on('disconnect', () => process.exit(0));
