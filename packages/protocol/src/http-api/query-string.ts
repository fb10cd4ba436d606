// Query-string parsing that keeps values as Pusher SDKs sign them.

/**
 * Parses `a=1&b=2` into a map. Pusher SDKs sign raw values and most send them unencoded, so a
 * `+` stays a `+` (URLSearchParams would turn it into a space and break the signature).
 */
export function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  if (query.length === 0) return params;
  for (const pair of query.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    params.set(key, value);
  }
  return params;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
