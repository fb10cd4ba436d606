// Laravel options: the `new Echo({...})` / `configureEcho({...})` option names, mapped onto createEcho's.
import type { Options as PusherOptions } from 'pusher-js';
import type { ChannelAuthOptions } from './channel-auth';
import type { HeraldBroadcaster } from './connection-config';
import type { CreateEchoOptions } from './echo-options';

/**
 * What `configureEcho` accepts: laravel-echo's option names (`wsHost`, `wsPort`, `authEndpoint`,
 * `bearerToken` ...) and every {@link CreateEchoOptions} field. Fields left out are read from `env`.
 */
export interface LaravelEchoOptions extends Omit<CreateEchoOptions, 'broadcaster'> {
  broadcaster: HeraldBroadcaster;
  /** Server host; `host` wins when both are given. */
  wsHost?: string;
  /** Port without TLS; numeric strings (from env files) are accepted. */
  wsPort?: number | string;
  /** Port with TLS; numeric strings are accepted. */
  wssPort?: number | string;
  /** The endpoint that signs subscriptions; `auth.endpoint` wins when both are given. */
  authEndpoint?: string;
  /** Sent as `Authorization: Bearer …` with every auth request. */
  bearerToken?: string | null;
  /** Sent as `X-CSRF-TOKEN` with every auth request. */
  csrfToken?: string | null;
  /** pusher-js transports; wins over `httpFallback`. @default ['ws', 'wss', 'xhr_streaming', 'xhr_polling'] */
  enabledTransports?: PusherOptions['enabledTransports'];
}

/** Maps laravel-echo option names onto {@link CreateEchoOptions}; throws `TypeError` on a bad port. */
export function toCreateEchoOptions(options: LaravelEchoOptions): CreateEchoOptions {
  const {
    wsHost,
    wsPort,
    wssPort,
    authEndpoint,
    bearerToken,
    csrfToken,
    enabledTransports,
    auth,
    pusherOptions,
    ...rest
  } = options;
  const host = rest.host ?? wsHost;
  const isTls = rest.forceTLS ?? true;
  const port = rest.port ?? toPort(isTls ? (wssPort ?? wsPort) : (wsPort ?? wssPort));
  const headers: Record<string, string> = {
    ...(csrfToken ? { 'X-CSRF-TOKEN': csrfToken } : {}),
    ...(bearerToken ? { Authorization: `Bearer ${bearerToken}` } : {}),
    ...auth?.headers,
  };
  const endpoint = auth?.endpoint ?? authEndpoint;
  const mappedAuth: ChannelAuthOptions = {
    ...auth,
    headers,
    ...(endpoint === undefined ? {} : { endpoint }),
  };
  return {
    ...rest,
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    auth: mappedAuth,
    ...(enabledTransports === undefined && pusherOptions === undefined
      ? {}
      : {
          pusherOptions: {
            ...(enabledTransports === undefined ? {} : { enabledTransports }),
            ...pusherOptions,
          },
        }),
  };
}

function toPort(value: number | string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(port))
    throw new TypeError(
      `configureEcho: wsPort / wssPort must be a port number, got ${String(value)}`,
    );
  return port;
}
