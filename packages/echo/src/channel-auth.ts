// Channel auth: a pusher-js customHandler with per-request async headers and one retry after refresh.
import type { ChannelAuthorizationCallback, ChannelAuthorizationHandler } from 'pusher-js';

/** How private and presence channels are authorized. */
export interface ChannelAuthOptions {
  /**
   * The endpoint that signs subscriptions (Laravel: `/broadcasting/auth`). Absolute outside browsers.
   * @default '/broadcasting/auth'
   */
  endpoint?: string;
  /** Headers sent with every auth request. @default {} */
  headers?: Record<string, string>;
  /** Called before each auth request; its headers win over `headers` (a fresh bearer token, say). */
  getHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
  /**
   * Called once when the endpoint answers with a `retryStatuses` status; the request is then
   * made again, with `getHeaders()` called anew.
   */
  refresh?: () => void | Promise<void>;
  /**
   * Statuses that mean "credentials expired": 401 and Laravel's 419 (CSRF token mismatch).
   * @default [401, 419]
   */
  retryStatuses?: readonly number[];
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Sent as fetch's `credentials`. @default 'same-origin' */
  credentials?: RequestCredentials;
}

/** Defaults for {@link ChannelAuthOptions}. */
export const CHANNEL_AUTH_DEFAULTS = Object.freeze({
  endpoint: '/broadcasting/auth',
  retryStatuses: Object.freeze([401, 419]),
  credentials: 'same-origin',
});

/** The auth endpoint answered with something other than a signature. */
export class ChannelAuthError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or `null` when the request itself failed. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ChannelAuthError';
  }
}

/**
 * Builds pusher-js's `channelAuthorization.customHandler`: POSTs `socket_id` and `channel_name`
 * as a form, like pusher-js's own authorizer, and retries once after `refresh()` on 401/419.
 */
export function createChannelAuthHandler(
  options: ChannelAuthOptions = {},
): ChannelAuthorizationHandler {
  const endpoint = options.endpoint ?? CHANNEL_AUTH_DEFAULTS.endpoint;
  const retryStatuses = options.retryStatuses ?? CHANNEL_AUTH_DEFAULTS.retryStatuses;

  const request = async (socketId: string, channelName: string): Promise<Response> => {
    const fetchFn = options.fetch ?? globalThis.fetch;
    const extra = (await options.getHeaders?.()) ?? {};
    return fetchFn(endpoint, {
      method: 'POST',
      credentials: options.credentials ?? CHANNEL_AUTH_DEFAULTS.credentials,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        ...options.headers,
        ...extra,
      },
      body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }).toString(),
    });
  };

  const authorize = async (socketId: string, channelName: string) => {
    let response = await request(socketId, channelName);
    if (retryStatuses.includes(response.status) && options.refresh !== undefined) {
      await options.refresh();
      response = await request(socketId, channelName);
    }
    if (!response.ok) {
      throw new ChannelAuthError(
        `auth for ${channelName} answered ${response.status}`,
        response.status,
      );
    }
    const body = (await response.json()) as {
      auth?: unknown;
      channel_data?: string;
      shared_secret?: string;
    };
    if (typeof body.auth !== 'string') {
      throw new ChannelAuthError(
        `auth for ${channelName} returned no "auth" string`,
        response.status,
      );
    }
    return { auth: body.auth, channel_data: body.channel_data, shared_secret: body.shared_secret };
  };

  return (params, callback: ChannelAuthorizationCallback) => {
    authorize(params.socketId, params.channelName).then(
      (data) => callback(null, data),
      (error: unknown) =>
        callback(error instanceof Error ? error : new ChannelAuthError(String(error), null), null),
    );
  };
}
