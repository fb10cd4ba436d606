// Connection config: key, host, port, TLS and transports from options, else the usual VITE_* variables.

/** Which Echo broadcaster to configure; Herald speaks both. */
export type HeraldBroadcaster = 'reverb' | 'pusher';

/** Where to connect. Any field left out is read from `env`. */
export interface ConnectionConfigOptions {
  /** @default 'reverb' */
  broadcaster?: HeraldBroadcaster;
  /** App key. Env: `VITE_REVERB_APP_KEY` / `VITE_PUSHER_APP_KEY`. */
  key?: string;
  /** Server host. Env: `VITE_REVERB_HOST` / `VITE_PUSHER_HOST`. */
  host?: string;
  /** Server port. Env: `VITE_REVERB_PORT` / `VITE_PUSHER_PORT`. @default 443 with TLS, else 80 */
  port?: number;
  /** Use TLS. Env: `VITE_REVERB_SCHEME` / `VITE_PUSHER_SCHEME` equal to `https`. @default true */
  forceTLS?: boolean;
  /** Pusher cluster (broadcaster `pusher` without a host). Env: `VITE_PUSHER_APP_CLUSTER`. */
  cluster?: string;
  /**
   * Fall back to pusher-js's HTTP transports (`xhr_streaming`, then `xhr_polling`) when WebSocket
   * does not get through, on the same host and port. `false` allows only `ws` / `wss`.
   * @default true
   * @see docs/protocol.md, "HTTP fallback transports"
   */
  httpFallback?: boolean;
  /** Path prefix of the server's HTTP fallback routes (its `httpFallback.path`). @default '/pusher' */
  httpPath?: string;
  /**
   * Variables to read: pass `import.meta.env` from a Vite app (a library cannot see it).
   * @default process.env where it exists, else {}
   */
  env?: Record<string, string | boolean | undefined>;
}

/** The pusher-js options that say where to connect. */
export interface ResolvedConnection {
  broadcaster: HeraldBroadcaster;
  key: string;
  cluster: string;
  wsHost: string | undefined;
  wsPort: number | undefined;
  wssPort: number | undefined;
  forceTLS: boolean;
  /** `ws` and `wss`, then the HTTP transports unless `httpFallback` is `false`. */
  enabledTransports: PusherTransport[];
  httpPath: string;
}

/** A pusher-js transport name. */
export type PusherTransport = 'ws' | 'wss' | 'xhr_streaming' | 'xhr_polling';

const WEBSOCKET_TRANSPORTS: readonly PusherTransport[] = Object.freeze(['ws', 'wss']);
const HTTP_TRANSPORTS: readonly PusherTransport[] = Object.freeze(['xhr_streaming', 'xhr_polling']);

/** Resolves {@link ConnectionConfigOptions}; throws `TypeError` naming what is missing. */
export function resolveConnection(options: ConnectionConfigOptions): ResolvedConnection {
  const broadcaster = options.broadcaster ?? 'reverb';
  const env = options.env ?? processEnv();
  const prefix = broadcaster === 'reverb' ? 'VITE_REVERB_' : 'VITE_PUSHER_';
  const read = (name: string): string | undefined => {
    const value = env[prefix + name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const key = options.key ?? read('APP_KEY');
  if (key === undefined) {
    throw new TypeError(
      `createEcho: no app key; pass { key } or set ${prefix}APP_KEY (and pass env: import.meta.env)`,
    );
  }
  const scheme = read('SCHEME');
  const forceTLS = options.forceTLS ?? (scheme === undefined ? true : scheme === 'https');
  const host = options.host ?? read('HOST');
  const cluster =
    options.cluster ?? (broadcaster === 'pusher' ? read('APP_CLUSTER') : undefined) ?? '';
  if (host === undefined && !(broadcaster === 'pusher' && cluster !== '')) {
    throw new TypeError(`createEcho: no host; pass { host } or set ${prefix}HOST`);
  }
  const envPort = read('PORT');
  const port = options.port ?? (envPort === undefined ? undefined : Number(envPort));
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new TypeError(`createEcho: port must be an integer 1-65535, got ${String(port)}`);
  }
  return {
    broadcaster,
    key,
    cluster,
    wsHost: host,
    wsPort: port ?? (host === undefined ? undefined : 80),
    wssPort: port ?? (host === undefined ? undefined : 443),
    forceTLS,
    enabledTransports:
      options.httpFallback === false
        ? [...WEBSOCKET_TRANSPORTS]
        : [...WEBSOCKET_TRANSPORTS, ...HTTP_TRANSPORTS],
    httpPath: options.httpPath ?? '/pusher',
  };
}

function processEnv(): Record<string, string | undefined> {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env ?? {};
}
