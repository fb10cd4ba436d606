// createAuthHandler: a ready channel and user auth endpoint (fetch `Request` in, `Response` out).
import { channelTypeOf } from '../channels/channel-name';
import { HeraldApiError } from './herald-api-error';
import type { HeraldApi } from './server-api';
import type { EventMap, PresenceData, UserData } from './server-api-types';

/** The app's answer for one subscription: refuse, allow, or (presence) allow as this member. */
export type ChannelAuthDecision = boolean | PresenceData;

/** Options of {@link createAuthHandler}: the app's own rules; Herald only signs. */
export interface AuthHandlerOptions<User> {
  /** The signed-in user of a request (the app's session lookup); `undefined` answers 403. */
  user(request: Request): User | undefined | Promise<User | undefined>;
  /**
   * Whether `user` may subscribe to `channel`: `false` answers 403. On a presence channel return
   * the member (`{ user_id, user_info }`), which the other members see.
   */
  authorize(user: User, channel: string): ChannelAuthDecision | Promise<ChannelAuthDecision>;
  /**
   * What a `pusher:signin` (pusher-js `userAuthentication`) signs for `user`; without it, sign-in
   * requests are answered 403.
   */
  userData?(user: User): UserData | Promise<UserData>;
}

/**
 * A `/broadcasting/auth`-style endpoint for an app server that is not Laravel. It reads pusher-js's
 * form body (`socket_id`, `channel_name`; JSON works too), asks the app's `authorize`, and answers
 * the JSON pusher-js expects. A body without `channel_name` is a user sign-in. The same handler can
 * serve both pusher-js endpoints. Refusals are `{"error": "..."}` with 403, bad input 400.
 *
 * @example
 * ```ts
 * const auth = createAuthHandler(server.api, {
 *   user: (request) => sessions.userOf(request.headers.get('cookie')),
 *   authorize: (user, channel) =>
 *     channel.startsWith('presence-') ? { user_id: user.id, user_info: { name: user.name } } : true,
 *   userData: (user) => ({ id: user.id }),
 * });
 * Bun.serve({ fetch: (req) => new URL(req.url).pathname === '/broadcasting/auth' ? auth(req) : app(req) });
 * ```
 */
export function createAuthHandler<User, Events extends EventMap = EventMap>(
  api: HeraldApi<Events>,
  options: AuthHandlerOptions<User>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const user = await options.user(request);
      if (user === undefined) return answer(403, { error: 'Not signed in' });
      const fields = await readFields(request);
      const socketId = fields.get('socket_id') ?? '';
      const channel = fields.get('channel_name');
      if (channel === undefined) {
        if (!options.userData) return answer(403, { error: 'Sign-in is not enabled' });
        return answer(200, await api.authenticateUser(socketId, await options.userData(user)));
      }
      const decision = await options.authorize(user, channel);
      if (decision === false) return answer(403, { error: `Not allowed on ${channel}` });
      const isPresence = channelTypeOf(channel) === 'presence';
      if (isPresence && decision === true) {
        throw new TypeError(
          `authorize() returned true for ${channel}: return the member ({ user_id, user_info }) instead`,
        );
      }
      const presence = isPresence ? (decision as PresenceData) : undefined;
      return answer(200, await api.authorizeChannel(socketId, channel, presence));
    } catch (error) {
      if (error instanceof HeraldApiError) return answer(error.status, { error: error.message });
      throw error;
    }
  };
}

/** The form fields of a pusher-js auth request, or the string fields of a JSON body. */
async function readFields(request: Request): Promise<Map<string, string>> {
  const text = await request.text();
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HeraldApiError(400, 'Request body is not valid JSON');
    }
    const fields = new Map<string, string>();
    if (typeof parsed === 'object' && parsed !== null) {
      for (const [key, value] of Object.entries(parsed)) {
        if (typeof value === 'string') fields.set(key, value);
      }
    }
    return fields;
  }
  return new Map(new URLSearchParams(text));
}

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
