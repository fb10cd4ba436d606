// The IPC contract between the bench and its loader children (the processes that hold client sockets).
import type { BenchTransport } from './bench-client';

/** What every socket of a `connect` does once open. */
export interface ConnectPlan {
  /** `ws://` URL of the app endpoint. */
  readonly url: string;
  /** Sockets to open in this loader. */
  readonly count: number;
  /** Global index of this loader's first socket (names user ids and spread channels). */
  readonly firstIndex: number;
  /** Channel to subscribe to, or its prefix when `channelSpread > 1`. */
  readonly channel: string;
  /** `1`: every socket on `channel`; `n`: socket `i` on `${channel}-${i % n}`. */
  readonly channelSpread: number;
  /** Sign presence subscriptions with these credentials (user id `u{index}`). */
  readonly presence?: { readonly appId: string; readonly key: string; readonly secret: string };
  /** How the sockets connect: WebSocket, or the HTTP fallback on the same server. @default 'ws' */
  readonly transport?: BenchTransport;
  /** Sockets connecting at once in this loader. */
  readonly concurrency: number;
  /** Give up on one socket after this long. */
  readonly socketTimeoutMs: number;
  /** Start no new socket after this long; the rest count as failed. */
  readonly deadlineMs: number;
}

export interface ConnectResult {
  readonly opened: number;
  readonly failed: number;
  readonly firstError?: string;
}

/** Deliveries of the timed events of one round, as this loader saw them. */
export interface TrackingResult {
  readonly received: number;
  readonly expected: number;
  /** Publish-to-receive latency of every delivery, µs. */
  readonly latenciesUs: Float64Array;
  /** Per event: the latency of the last socket to receive it, µs (`-1` if none did). */
  readonly lastUsByEvent: Float64Array;
}

export interface LoaderCounters {
  readonly sockets: number;
  readonly memberAdded: number;
  readonly errorFrames: number;
  readonly unexpectedCloses: number;
}

/** Commands and the result each one answers with. */
export interface LoaderCommands {
  connect: { args: ConnectPlan; result: ConnectResult };
  /** Starts timing `events` events (numbered 0..events-1 in their payload) on every open socket. */
  startTracking: { args: { events: number }; result: null };
  /** Resolves once every expected delivery arrived, or after `timeoutMs` with what did. */
  finishTracking: { args: { timeoutMs: number }; result: TrackingResult };
  counters: { args: null; result: LoaderCounters };
  /** Drops every socket (without a close handshake) and forgets them. */
  closeAll: { args: null; result: null };
}

export type LoaderCommandName = keyof LoaderCommands;

export interface LoaderRequest<K extends LoaderCommandName = LoaderCommandName> {
  readonly requestId: number;
  readonly command: K;
  readonly args: LoaderCommands[K]['args'];
}

export type LoaderReply =
  | { readonly requestId: number; readonly result: unknown }
  | { readonly requestId: number; readonly error: string };
