// Browser access in one place, each guarded, so nothing touches document or window during server rendering.

/** Whether a DOM is present (false during server rendering and in plain Node). */
export function hasDom(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}

/** Reads `<meta name="csrf-token" content="...">`, the tag Laravel's layouts render. */
export function readCsrfMeta(): string | undefined {
  if (!hasDom()) return undefined;
  return document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? undefined;
}

/**
 * Calls `onUnload` when the page is being unloaded; returns the function that stops listening.
 * `pagehide` fires reliably on unload (and on entering the back/forward cache), unlike `unload`.
 */
export function onPageUnload(onUnload: () => void): () => void {
  if (!hasDom()) return () => undefined;
  window.addEventListener('pagehide', onUnload);
  return () => window.removeEventListener('pagehide', onUnload);
}

/** A random 21-character stream id; `getRandomValues` works in insecure contexts too, unlike `randomUUID`. */
export function createStreamId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const bytes = crypto.getRandomValues(new Uint8Array(21));
  let id = '';
  for (const byte of bytes) id += alphabet[byte & 63];
  return id;
}
