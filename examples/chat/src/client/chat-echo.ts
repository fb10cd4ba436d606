// The page's Herald connection: @herald/echo on the page's own host and port, where the app server embeds Herald.
import { createEcho, wrapFetch, type HeraldEcho } from '@herald/echo';

declare global {
  interface Window {
    CHAT: { key: string };
  }
}

/** Connects to Herald on the page's own origin; channel auth goes to /broadcasting/auth with the session cookie. */
export function createChatEcho(): HeraldEcho {
  const isTls = location.protocol === 'https:';
  return createEcho({
    key: window.CHAT.key,
    host: location.hostname,
    port: Number(location.port || (isTls ? 443 : 80)),
    forceTLS: isTls,
    // Events are sent by their own names (`.message.sent`), not Laravel class names.
    namespace: false,
    auth: { endpoint: '/broadcasting/auth' },
  });
}

/** fetch with `X-Socket-ID` while connected, so the server's broadcast skips this page. */
export function chatFetch(herald: HeraldEcho): typeof fetch {
  return wrapFetch(fetch, herald);
}
