// The few Bun APIs this adapter uses, declared here so the package builds and typechecks under Node
// without bun-types. They follow Bun's documented signatures for Bun.serve and ServerWebSocket.

/** What the adapter stores on each upgraded socket. */
export interface SocketData {
  request: {
    path: string;
    query: string;
    headers: Record<string, string | undefined>;
    remoteAddress: string;
  };
  /** Set once the socket is open. */
  socket?: unknown;
}

/** Bun's ServerWebSocket, as far as Herald uses it. */
export interface BunWebSocket {
  readonly data: SocketData;
  readonly remoteAddress: string;
  readonly readyState: number;
  sendText(data: string, compress?: boolean): number;
  close(code?: number, reason?: string): void;
  getBufferedAmount(): number;
}

/** Bun's Server, as far as Herald uses it. */
export interface BunServerHandle {
  readonly port: number;
  readonly hostname: string;
  upgrade(request: Request, options: { data: SocketData; headers?: HeadersInit }): boolean;
  requestIP(request: Request): { address: string } | null;
  stop(closeActiveConnections?: boolean): void | Promise<void>;
}

/** The websocket handlers given to Bun.serve. */
export interface BunWebSocketHandlers {
  open(ws: BunWebSocket): void;
  message(ws: BunWebSocket, message: string | Uint8Array): void;
  close(ws: BunWebSocket, code: number, reason: string): void;
  pong?(ws: BunWebSocket): void;
  maxPayloadLength?: number;
  perMessageDeflate?: boolean;
  sendPings?: boolean;
  idleTimeout?: number;
}

/** Bun.serve's options, as far as Herald uses them. */
export interface BunServeOptions {
  hostname?: string;
  port?: number;
  tls?: { cert: string | Buffer; key: string | Buffer };
  fetch(
    request: Request,
    server: BunServerHandle,
  ): Response | undefined | Promise<Response | undefined>;
  websocket: BunWebSocketHandlers;
}

/** `globalThis.Bun`, present only under the Bun runtime. */
export interface BunGlobal {
  serve(options: BunServeOptions): BunServerHandle;
}

/** Returns Bun's global, or throws a TypeError telling the user to run under Bun. */
export function bunRuntime(): BunGlobal {
  const bun = (globalThis as { Bun?: BunGlobal }).Bun;
  if (!bun)
    throw new TypeError(
      '@herald/bun needs the Bun runtime (run with `bun`); on Node use @herald/node',
    );
  return bun;
}
