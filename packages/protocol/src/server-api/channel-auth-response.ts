// Channel and user auth responses for app servers that are not Laravel: the JSON pusher-js expects.
import type { App } from '../apps/app';
import { signChannel } from '../auth/channel-auth';
import { signUser } from '../auth/user-auth';
import { channelNameProblem, channelTypeOf } from '../channels/channel-name';
import { isSocketId } from '../connections/socket-id';
import { HeraldApiError } from './herald-api-error';
import type {
  ChannelAuthResponse,
  PresenceData,
  UserAuthResponse,
  UserData,
} from './server-api-types';

/**
 * The body of a channel auth endpoint: `{ auth }`, plus `channel_data` for presence channels.
 * Refuses (400) what the server would refuse anyway, so a bad request fails at the app server
 * with a reason instead of as a `pusher:subscription_error` in the browser.
 * @see https://pusher.com/docs/channels/server_api/authorizing-users/
 */
export function channelAuthResponse(
  app: App,
  socketId: string,
  channel: string,
  presenceData?: PresenceData,
): ChannelAuthResponse {
  if (!isSocketId(socketId)) throw new HeraldApiError(400, 'socket_id must look like "123.456"');
  const problem = channelNameProblem(channel, app.limits.maxChannelNameLength);
  if (problem !== undefined) throw new HeraldApiError(400, problem);
  if (channelTypeOf(channel) !== 'presence') return { auth: signChannel(app, socketId, channel) };
  const userId = presenceData?.user_id;
  if ((typeof userId !== 'string' && typeof userId !== 'number') || String(userId) === '') {
    throw new HeraldApiError(400, 'A presence channel needs presenceData with a user_id');
  }
  const channelData = JSON.stringify(presenceData);
  return { auth: signChannel(app, socketId, channel, channelData), channel_data: channelData };
}

/**
 * The body of a user authentication endpoint (pusher-js `userAuthentication`, `pusher:signin`).
 * @see https://pusher.com/docs/channels/server_api/authenticating-users/
 */
export function userAuthResponse(app: App, socketId: string, userData: UserData): UserAuthResponse {
  if (!isSocketId(socketId)) throw new HeraldApiError(400, 'socket_id must look like "123.456"');
  if (typeof userData?.id !== 'string' || userData.id === '') {
    throw new HeraldApiError(400, 'userData.id must be a non-empty string');
  }
  const serialized = JSON.stringify(userData);
  return { auth: signUser(app, socketId, serialized), user_data: serialized };
}
