// Origin checks for browser connections, with `*` wildcards.
import type { App } from './app';

const compiled = new WeakMap<readonly string[], RegExp[] | 'any'>();

/** Whether a connection with this Origin header may connect to the app. */
export function isOriginAllowed(app: App, origin: string | undefined): boolean {
  if (origin === undefined || origin === '') return true;
  const patterns = patternsOf(app.allowedOrigins);
  return patterns === 'any' || patterns.some((pattern) => pattern.test(origin));
}

// Compiled once per app config: a connection storm must not rebuild regexes per socket.
function patternsOf(origins: readonly string[]): RegExp[] | 'any' {
  let patterns = compiled.get(origins);
  if (patterns === undefined) {
    patterns = origins.includes('*')
      ? 'any'
      : origins.map(
          (origin) => new RegExp(`^${origin.split('*').map(escapeRegExp).join('[^/]*')}$`, 'i'),
        );
    compiled.set(origins, patterns);
  }
  return patterns;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
