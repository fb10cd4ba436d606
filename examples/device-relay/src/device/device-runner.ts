// A device: connects to the app (retrying until it answers), heartbeats, posts its output through
// the outbox, and runs the commands that arrive on its private channel.
import { randomUUID } from 'node:crypto';
import type { ConnectAnswer } from '../relay-wire';
import { createAppClient, type AppCallError } from './app-client';
import { openCommandChannel, type CommandChannel } from './command-channel';
import { runCommand } from './commands';
import { Outbox, type OutboxOptions } from './outbox';

/** Options of {@link startDevice}. */
export interface DeviceOptions {
  /** The app, e.g. `http://127.0.0.1:3000`. */
  appUrl: string;
  token: string;
  /** A demo reading every this many ms; 0 for none. @default 1000 */
  produceEveryMs?: number;
  outbox?: OutboxOptions;
  /** Subscribe to this channel instead of the one the app names (to show a refusal). */
  channelOverride?: string;
  /** The app does not know the token (401 on connect): retrying will not help. @default nothing */
  onTokenRefused?: () => void;
  /** Where the device reports: stdout lines for what happens, stderr for trouble. */
  log?: (line: string) => void;
  warn?: (line: string) => void;
}

/** A running device. */
export interface Device {
  readonly outbox: Outbox;
  /** Queues a line of output. */
  write(text: string, isPriority?: boolean): void;
  /** Sends what is queued (waiting at most `timeoutMs`), says goodbye to the app, disconnects. */
  stop(timeoutMs?: number): Promise<void>;
}

const CONNECT_RETRY_MAX_MS = 5000;
const DROP_REPORT_INTERVAL_MS = 5000;

/** Starts a device; it keeps trying to reach the app in the background. */
export function startDevice(options: DeviceOptions): Device {
  const log = options.log ?? ((line: string) => console.log(line));
  const warn = options.warn ?? ((line: string) => console.error(line));
  const app = createAppClient(options.appUrl, options.token);
  const startedAt = Date.now();
  let isStopping = false;
  let isAppDown = false;
  let channel: CommandChannel | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  const outbox = new Outbox(randomUUID(), (batch) => app.postMessages(batch), options.outbox, {
    onDrop: (count) => reportDrop(count),
    onRetry: (error, attempt, delayMs) => {
      if (attempt === 1) warn(`posting output failed, retrying (${(error as Error).message})`);
      appIsDown(error);
      if (attempt > 1 && attempt % 5 === 0) {
        warn(
          `still retrying (attempt ${attempt}, next in ${delayMs} ms, ${outbox.pendingCount} waiting)`,
        );
      }
    },
    onRecovered: (attempts) => {
      log(`output flowing again after ${attempts} failed attempt(s)`);
      appIsBack();
    },
  });

  // Drops come one per message once the buffer is full: report the first at once, then at most one
  // summary per DROP_REPORT_INTERVAL_MS, so a long outage does not flood stderr.
  let unreportedDrops = 0;
  let dropReport: NodeJS.Timeout | undefined;
  function reportDrop(count: number): void {
    unreportedDrops += count;
    if (dropReport !== undefined) return;
    flushDropReport();
    dropReport = setTimeout(() => {
      dropReport = undefined;
      if (unreportedDrops > 0) flushDropReport();
    }, DROP_REPORT_INTERVAL_MS);
  }
  function flushDropReport(): void {
    const total = outbox.droppedCount;
    warn(`dropped ${unreportedDrops} message(s): the buffer is full (${total} dropped in all)`);
    unreportedDrops = 0;
  }

  /** The app answered again: pusher-js would wait out its own timer, so reconnect it now. */
  function appIsBack(): void {
    if (!isAppDown) return;
    isAppDown = false;
    log('the app is back');
    channel?.reconnectIfDown();
  }

  function appIsDown(error: unknown): void {
    if (isAppDown) return;
    isAppDown = true;
    warn(
      `the app is unreachable, output is kept until it is back (${(error as AppCallError).message})`,
    );
  }

  async function connect(): Promise<void> {
    for (let attempt = 1; !isStopping; attempt += 1) {
      try {
        const answer = await app.connect();
        return ready(answer);
      } catch (error) {
        if ((error as AppCallError).status === 401) {
          warn(`the app refused this device's token (401): check --token`);
          return options.onTokenRefused?.();
        }
        appIsDown(error);
        const delay = Math.min(CONNECT_RETRY_MAX_MS, 250 * 2 ** attempt);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  function ready(answer: ConnectAnswer): void {
    if (isStopping) return; // stopped while connecting: open nothing
    isAppDown = false;
    log(`connected to the app as ${answer.deviceId}`);
    channel = openCommandChannel(
      options.appUrl,
      options.token,
      answer,
      {
        onSubscribed: (name) => log(`subscribed to ${name}`),
        onRefused: (name, status) => warn(`refused on ${name} (status ${String(status)})`),
        onCommand: ({ command }) => {
          log(`command: ${command}`);
          const { nextSeq, pendingCount, droppedCount } = outbox;
          const stats = { nextSeq, pendingCount, droppedCount, startedAt };
          const { reply, burst } = runCommand(command, stats, Date.now());
          outbox.push(reply, true);
          for (let i = 1; i <= burst; i += 1) outbox.push(`burst line ${i} of ${burst}`);
        },
      },
      options.channelOverride,
    );
    heartbeat = setInterval(() => {
      app.heartbeat().then(appIsBack, appIsDown);
    }, answer.heartbeatIntervalMs);
  }

  const producer =
    (options.produceEveryMs ?? 1000) > 0
      ? setInterval(() => {
          const reading = (20 + 5 * Math.sin(Date.now() / 10_000)).toFixed(1);
          outbox.push(`temperature ${reading} °C`);
        }, options.produceEveryMs ?? 1000)
      : undefined;

  connect().catch((error: unknown) => warn(`could not connect: ${String(error)}`));

  return {
    outbox,
    write: (text, isPriority) => void outbox.push(text, isPriority),
    async stop(timeoutMs = 3000) {
      isStopping = true;
      clearInterval(producer);
      clearInterval(heartbeat);
      clearTimeout(dropReport);
      if (unreportedDrops > 0) flushDropReport();
      const isDrained = await outbox.drain(timeoutMs);
      if (!isDrained) warn(`stopping with ${outbox.pendingCount} message(s) not sent`);
      await app.disconnect().catch((error: unknown) => warn(`disconnect: ${String(error)}`));
      channel?.close();
    },
  };
}
