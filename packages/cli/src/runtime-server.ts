// The seam between `herald start` and the runtime that serves it: the only part that differs
// between Node and Bun is which adapter turns these options into a listening server.
import type { HttpRoute } from '@herald/node';
import type { Herald, HeraldOptions } from '@herald/protocol';

/** What the CLI composes for the adapter: the core's options plus where and how to listen. */
export interface RuntimeServerOptions extends HeraldOptions {
  host: string;
  port: number;
  drainWindowMs: number;
  /** Extra paths on the main port (`/metrics`), matched exactly before a 404. */
  routes: readonly HttpRoute[];
  /** PEM certificate and key: serve `wss://` and `https://` directly. */
  tls?: { cert: Buffer; key: Buffer };
}

/** A server as the CLI drives it; `NodeServer` and `BunServer` both are one. */
export interface RuntimeServer {
  readonly herald: Herald;
  listen(): Promise<{ host: string; port: number }>;
  /** Drains (4200 over `drainWindowMs`), waits for clients, stops listening. */
  close(): Promise<void>;
}

/** One runtime: `nodeRuntime` or `bunRuntime`, declared against this type so they cannot drift. */
export interface ServerRuntime {
  /** Shown in the listening line (`under Bun`). */
  readonly label: string | undefined;
  createServer(options: RuntimeServerOptions): Promise<RuntimeServer>;
}
