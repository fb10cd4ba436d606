// Presence channel_data: the JSON a server signs to say who a presence member is.

/** A validated presence identity. */
export interface ChannelData {
  userId: string;
  userInfo: unknown;
}

/**
 * Parses `channel_data`; returns a message saying what is wrong instead of throwing.
 * `user_id` may be a string or a number (Laravel sends numbers); it is kept as a string.
 */
export function parseChannelData(text: string, maxInfoBytes: number): ChannelData | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'channel_data must be valid JSON';
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return 'channel_data must be a JSON object';
  }
  const { user_id: rawId, user_info: userInfo } = data as {
    user_id?: unknown;
    user_info?: unknown;
  };
  if (typeof rawId === 'number' && Number.isFinite(rawId))
    return withInfo(String(rawId), userInfo, maxInfoBytes);
  if (typeof rawId !== 'string' || rawId.length === 0) {
    return 'channel_data.user_id is required (a non-empty string or a number)';
  }
  return withInfo(rawId, userInfo, maxInfoBytes);
}

function withInfo(userId: string, userInfo: unknown, maxInfoBytes: number): ChannelData | string {
  if (userInfo !== undefined && Buffer.byteLength(JSON.stringify(userInfo)) > maxInfoBytes) {
    return `channel_data.user_info is larger than ${maxInfoBytes} bytes`;
  }
  return { userId, userInfo };
}
