// Sessions: who a request comes from, in a signed cookie, so a restarted server still knows everyone.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ChatUser } from './chat-model';

const COOKIE = 'chat_session';

/** Reads and writes the session cookie; a real app would use its framework's session instead. */
export interface Sessions {
  /** The signed-in user of `req`, or `undefined`. */
  userOf(req: IncomingMessage): ChatUser | undefined;
  /** The `Set-Cookie` value that signs `user` in. */
  cookieFor(user: ChatUser): string;
  /** The `Set-Cookie` value that signs out. */
  readonly signOutCookie: string;
}

/** Sessions signed with `secret` (HMAC-SHA256): the cookie holds the user, so no server state is lost on restart. */
export function createSessions(secret: string): Sessions {
  const sign = (payload: string): string =>
    createHmac('sha256', secret).update(payload).digest('base64url');
  return {
    userOf(req) {
      const value = cookieValue(req.headers.cookie, COOKIE);
      const [payload, signature] = value?.split('.') ?? [];
      if (payload === undefined || signature === undefined) return undefined;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      try {
        return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ChatUser;
      } catch {
        return undefined;
      }
    },
    cookieFor(user) {
      const payload = Buffer.from(JSON.stringify(user)).toString('base64url');
      return `${COOKIE}=${payload}.${sign(payload)}; Path=/; HttpOnly; SameSite=Lax`;
    },
    signOutCookie: `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
